using System.Reflection;
using System.Runtime.Loader;

namespace ScalingPS.Loader;

/// <summary>
/// The module's private load context: the engine (ScalingPS.Core) and every third-party library it uses
/// (MathNet.Numerics, ScottPlot, SkiaSharp, HarfBuzzSharp, System.Numerics.Tensors, …) load here from the module's
/// <c>dependencies</c> folder, so another module's versions of them in the same session neither break ScalingPS
/// nor are replaced by ours. Assemblies not in that folder (the .NET runtime, PowerShell) come from the default
/// context as usual.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _folder;
    private readonly IReadOnlyList<string> _runtimeFolders = NativeLibraryPaths.CurrentRuntimeFolders();
    private readonly OsFamily _os = NativeLibraryPaths.CurrentOs();

    public DependencyLoadContext(string folder) : base("ScalingPS", isCollectible: false) => _folder = folder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string path = Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = NativeLibraryPaths.Find(_folder, unmanagedDllName, _runtimeFolders, _os, File.Exists);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
