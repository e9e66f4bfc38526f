using System.Management.Automation;
using System.Reflection;
using ScalingPS.Core;

namespace ScalingPS.Infrastructure;

/// <summary>
/// Makes the engine's public types (the records the cmdlets emit, their enums) reachable by their full names in
/// scripts, e.g. <c>$_ -is [ScalingPS.Core.Committee.CommitteePoint]</c>. The engine loads in the module's private
/// load context (see ScalingPS.Loader), and PowerShell resolves type names only among the default context's
/// assemblies, so each type is registered as a type accelerator under its full name, the way PowerShell's own
/// documentation exports a module's classes. An accelerator that already exists is never replaced; on removal only
/// the ones added here are taken away.
/// </summary>
public sealed class EngineTypeNames : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static readonly List<string> Added = [];

    public void OnImport()
    {
        var accelerators = AcceleratorsApi();
        if (accelerators is null) return;
        lock (Gate)
        {
            if (Added.Count > 0) return;
            var existing = (IDictionary<string, Type>?)accelerators.GetProperty("Get")?.GetValue(null) ?? new Dictionary<string, Type>();
            var add = accelerators.GetMethod("Add", [typeof(string), typeof(Type)]);
            if (add is null) return;
            foreach (var type in typeof(ParameterException).Assembly.GetExportedTypes())
            {
                if (type.FullName is not { } name || type.IsNested || existing.ContainsKey(name)) continue;
                add.Invoke(null, [name, type]);
                Added.Add(name);
            }
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        var remove = AcceleratorsApi()?.GetMethod("Remove", [typeof(string)]);
        if (remove is null) return;
        lock (Gate)
        {
            foreach (string name in Added) remove.Invoke(null, [name]);
            Added.Clear();
        }
    }

    private static Type? AcceleratorsApi() => typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
}
