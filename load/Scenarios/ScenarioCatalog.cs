using ConcurrencyService.Load.Driver;

namespace ConcurrencyService.Load.Scenarios;

/// <summary>The scenarios by name: IO-bound and CPU-bound jobs on each executor, and the raw HTTP baseline.</summary>
public static class ScenarioCatalog
{
    public const string IoThreads = "io-threads";
    public const string IoProcesses = "io-processes";
    public const string CpuThreads = "cpu-threads";
    public const string CpuProcesses = "cpu-processes";
    public const string HttpBaseline = "http-baseline";

    public static IReadOnlyList<string> JobScenarios { get; } = [IoThreads, IoProcesses, CpuThreads, CpuProcesses];

    public static IReadOnlyList<string> All { get; } = [.. JobScenarios, HttpBaseline];

    public static IScenario Create(string name, WorkloadSettings workloads, ServiceNodes nodes)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        return name switch
        {
            IoThreads or IoProcesses => new JobScenario(Job(name, "io.sleep", "ms", workloads.SleepMs, workloads.Tasks), nodes),
            CpuThreads or CpuProcesses => new JobScenario(Job(name, "cpu.primes", "below", workloads.PrimesBelow, workloads.Tasks), nodes),
            HttpBaseline => new HttpBaselineScenario(nodes),
            _ => throw new ArgumentException($"Unknown scenario '{name}'; known: {string.Join(", ", All)}.", nameof(name)),
        };
    }

    private static ScenarioSettings Job(string name, string workload, string parameter, int value, int tasks)
    {
        var executor = name.EndsWith("-threads", StringComparison.Ordinal) ? "threads" : "processes";
        var description = $"{workload} {parameter}={value}, {tasks} task{(tasks == 1 ? "" : "s")}, on {executor}";
        return new ScenarioSettings(name, description, workload, executor, new Dictionary<string, object> { [parameter] = value }, tasks);
    }
}
