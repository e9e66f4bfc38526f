using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ScalingPS.Loader;

/// <summary>
/// Runs when PowerShell imports the loader, which the manifest lists as a nested module so that this happens before
/// PowerShell loads and reflects over the cmdlets. ScalingPS.dll (the cmdlets) loads in the default context and
/// refers to one assembly outside it, the engine ScalingPS.Core, which sits in the <c>dependencies</c> folder where
/// PowerShell does not look. When the default context cannot find the engine it raises
/// <see cref="AssemblyLoadContext.Resolving"/>; this handler answers for the engine alone, from the module's
/// <see cref="DependencyLoadContext"/>, which then resolves the engine's own dependencies privately. This is the
/// pattern the PowerShell team documents for resolving module assembly conflicts; the separate loader is needed
/// because the cmdlet classes hold engine enums, so the cmdlet assembly's types cannot even be listed before the
/// handler is in place.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string EngineAssemblyName = "ScalingPS.Core";
    internal const string DependencyFolderName = "dependencies";

    private static readonly Lazy<DependencyLoadContext> Context = new(() => new DependencyLoadContext(DependencyFolder));

    /// <summary>The folder that holds the engine, its libraries and runtimes/&lt;rid&gt;/native/.</summary>
    internal static string DependencyFolder =>
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", DependencyFolderName);

    public void OnImport()
    {
        // Import-Module -Force runs OnRemove then OnImport; removing first also keeps a repeated import from doubling up.
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal) ? Context.Value.LoadFromAssemblyName(name) : null;
}
