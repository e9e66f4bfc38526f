using ScalingPS.Bench;

// Benchmarks print ratios measured in the same run (against a bound or a peer), never absolute pass/fail times.
var benches = Benchmarks.All;
// `pwsh -File build.ps1 -BenchArgs ode,rf` arrives as one "ode,rf" argument: accept commas as separators too.
var names = args.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
var selected = names.Length == 0 ? benches : benches.Where(b => names.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"Unknown benchmark. Available: {string.Join(", ", benches.Select(b => b.Name))}");
    return 2;
}
foreach (var b in selected)
{
    Console.WriteLine($"== {b.Name}: {b.Description}");
    b.Run();
    Console.WriteLine();
}
return 0;
