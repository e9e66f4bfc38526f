using System.Runtime.InteropServices;
using ScalingPS.Loader;

namespace ScalingPS.Core.Tests.Loader;

/// <summary>
/// The module loader's choice of native-library folder for every runtime the module ships for (and for the
/// distribution-specific identifiers a source-built .NET reports), checked as a pure function on one machine.
/// </summary>
public class NativeLibraryPathsTests
{
    public static TheoryData<string, OsFamily, Architecture, string[]> Runtimes => new()
    {
        { "linux-x64", OsFamily.Linux, Architecture.X64, ["linux-x64"] },
        { "linux-arm64", OsFamily.Linux, Architecture.Arm64, ["linux-arm64"] },
        { "linux-musl-x64", OsFamily.Linux, Architecture.X64, ["linux-musl-x64"] },
        { "linux-musl-arm64", OsFamily.Linux, Architecture.Arm64, ["linux-musl-arm64"] },
        { "osx-x64", OsFamily.MacOS, Architecture.X64, ["osx-x64", "osx"] },
        { "osx-arm64", OsFamily.MacOS, Architecture.Arm64, ["osx-arm64", "osx"] },
        { "win-x64", OsFamily.Windows, Architecture.X64, ["win-x64"] },
        { "win-arm64", OsFamily.Windows, Architecture.Arm64, ["win-arm64"] },
        // Source-built .NET reports the distribution; the portable folder of the same libc and architecture applies.
        { "ubuntu.24.04-x64", OsFamily.Linux, Architecture.X64, ["linux-x64"] },
        { "fedora.41-arm64", OsFamily.Linux, Architecture.Arm64, ["linux-arm64"] },
        { "alpine.3.20-x64", OsFamily.Linux, Architecture.X64, ["linux-musl-x64"] },
    };

    [Theory]
    [MemberData(nameof(Runtimes))]
    public void RuntimeFolders_are_the_platform_and_its_fallbacks(string rid, OsFamily os, Architecture arch, string[] expected) =>
        Assert.Equal(expected, NativeLibraryPaths.RuntimeFolders(rid, os, arch));

    [Fact]
    public void A_musl_process_never_falls_back_to_the_glibc_build()
    {
        var folders = NativeLibraryPaths.RuntimeFolders("linux-musl-x64", OsFamily.Linux, Architecture.X64);
        Assert.DoesNotContain("linux-x64", folders);
    }

    [Theory]
    [InlineData("libSkiaSharp", OsFamily.Linux, new[] { "libSkiaSharp.so" })]
    [InlineData("libSkiaSharp", OsFamily.MacOS, new[] { "libSkiaSharp.dylib" })]
    [InlineData("libSkiaSharp", OsFamily.Windows, new[] { "libSkiaSharp.dll" })]
    [InlineData("HarfBuzzSharp", OsFamily.Linux, new[] { "HarfBuzzSharp.so", "libHarfBuzzSharp.so" })]
    [InlineData("libHarfBuzzSharp.so", OsFamily.Linux, new[] { "libHarfBuzzSharp.so" })]
    public void FileNames_follow_the_platform_convention(string name, OsFamily os, string[] expected) =>
        Assert.Equal(expected, NativeLibraryPaths.FileNames(name, os));

    [Fact]
    public void Find_returns_the_first_folder_that_has_the_file()
    {
        string root = Path.Combine("m", "dependencies");
        string universal = Path.Combine(root, "runtimes", "osx", "native", "libSkiaSharp.dylib");
        var present = new HashSet<string> { universal };
        var folders = NativeLibraryPaths.RuntimeFolders("osx-arm64", OsFamily.MacOS, Architecture.Arm64);
        Assert.Equal(universal, NativeLibraryPaths.Find(root, "libSkiaSharp", folders, OsFamily.MacOS, present.Contains));

        string specific = Path.Combine(root, "runtimes", "osx-arm64", "native", "libSkiaSharp.dylib");
        present.Add(specific);
        Assert.Equal(specific, NativeLibraryPaths.Find(root, "libSkiaSharp", folders, OsFamily.MacOS, present.Contains));
    }

    [Fact]
    public void Find_returns_null_when_no_folder_has_the_file() =>
        Assert.Null(NativeLibraryPaths.Find("m", "libSkiaSharp", ["linux-x64"], OsFamily.Linux, _ => false));
}
