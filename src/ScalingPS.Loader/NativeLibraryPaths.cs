using System.Runtime.InteropServices;

namespace ScalingPS.Loader;

/// <summary>The operating-system families the module ships native libraries for.</summary>
public enum OsFamily
{
    Windows,
    MacOS,
    Linux,
}

/// <summary>
/// Where a native library (libSkiaSharp, libHarfBuzzSharp) lives in the module folder for the running platform.
/// The module ships one folder for every platform, with each platform's natives under
/// <c>dependencies/runtimes/&lt;rid&gt;/native/</c>, the layout NuGet packages use. PowerShell does not probe there,
/// so the module's load context asks this class. Everything here is a pure function of its arguments so that the
/// choice can be tested for every runtime identifier on one machine.
/// </summary>
public static class NativeLibraryPaths
{
    /// <summary>The runtime folders to try, most specific first, for a runtime identifier such as "linux-musl-x64".</summary>
    /// <param name="runtimeIdentifier">
    /// <see cref="RuntimeInformation.RuntimeIdentifier"/>: portable ("linux-x64", "linux-musl-arm64", "osx-arm64",
    /// "win-x64") or a distribution's own ("ubuntu.24.04-x64", "alpine.3.20-x64") when .NET was built from source.
    /// </param>
    /// <param name="os">The operating system (a RID alone does not say it for distribution RIDs).</param>
    /// <param name="architecture">The process architecture.</param>
    public static IReadOnlyList<string> RuntimeFolders(string runtimeIdentifier, OsFamily os, Architecture architecture)
    {
        string arch = ArchitectureName(architecture);
        return os switch
        {
            OsFamily.Windows => [$"win-{arch}"],
            // NuGet's macOS natives are universal binaries in runtimes/osx; a per-architecture folder wins if present.
            OsFamily.MacOS => [$"osx-{arch}", "osx"],
            // A musl libc (Alpine) cannot load a glibc build, and the reverse: never fall back across them.
            _ => IsMusl(runtimeIdentifier) ? [$"linux-musl-{arch}"] : [$"linux-{arch}"],
        };
    }

    /// <summary>The file names a library's import name maps to on an OS ("libSkiaSharp" → "libSkiaSharp.so" on Linux).</summary>
    public static IReadOnlyList<string> FileNames(string libraryName, OsFamily os)
    {
        string extension = os switch { OsFamily.Windows => ".dll", OsFamily.MacOS => ".dylib", _ => ".so" };
        if (libraryName.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return [libraryName];
        var names = new List<string> { libraryName + extension };
        if (os != OsFamily.Windows && !libraryName.StartsWith("lib", StringComparison.Ordinal)) names.Add("lib" + libraryName + extension);
        return names;
    }

    /// <summary>
    /// The full path of <paramref name="libraryName"/> under <paramref name="dependencyFolder"/> for the first runtime
    /// folder that has it, or null (the runtime's default probing then applies).
    /// </summary>
    public static string? Find(string dependencyFolder, string libraryName, IReadOnlyList<string> runtimeFolders, OsFamily os, Func<string, bool> exists)
    {
        foreach (string folder in runtimeFolders)
            foreach (string file in FileNames(libraryName, os))
            {
                string path = Path.Combine(dependencyFolder, "runtimes", folder, "native", file);
                if (exists(path)) return path;
            }
        return null;
    }

    /// <summary>The running process's OS family.</summary>
    public static OsFamily CurrentOs() =>
        OperatingSystem.IsWindows() ? OsFamily.Windows : OperatingSystem.IsMacOS() ? OsFamily.MacOS : OsFamily.Linux;

    /// <summary>The runtime folders for the running process.</summary>
    public static IReadOnlyList<string> CurrentRuntimeFolders() =>
        RuntimeFolders(RuntimeInformation.RuntimeIdentifier, CurrentOs(), RuntimeInformation.ProcessArchitecture);

    private static bool IsMusl(string runtimeIdentifier) =>
        runtimeIdentifier.Contains("musl", StringComparison.OrdinalIgnoreCase)
        || runtimeIdentifier.StartsWith("alpine", StringComparison.OrdinalIgnoreCase);

    private static string ArchitectureName(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "x64",
        Architecture.X86 => "x86",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        _ => architecture.ToString().ToLowerInvariant(),
    };
}
