using ConcurrencyService.Load.Driver;

namespace ConcurrencyService.Load.Scenarios;

/// <summary>
/// The scenarios by name: IO-bound and CPU-bound jobs on each executor, the raw HTTP baseline, and any workload the
/// server offers (<c>--workload</c>, e.g. a plugin) on each executor.
/// </summary>
public static class ScenarioCatalog
{
    public const string IoThreads = "io-threads";
    public const string IoProcesses = "io-processes";
    public const string CpuThreads = "cpu-threads";
    public const string CpuProcesses = "cpu-processes";
    public const string HttpBaseline = "http-baseline";
    public const string WorkloadThreads = "workload-threads";
    public const string WorkloadProcesses = "workload-processes";

    /// <summary>The built-in job scenarios, the comparison suite's.</summary>
    public static IReadOnlyList<string> JobScenarios { get; } = [IoThreads, IoProcesses, CpuThreads, CpuProcesses];

    /// <summary>The scenarios of the workload named by <c>--workload</c>.</summary>
    public static IReadOnlyList<string> WorkloadScenarios { get; } = [WorkloadThreads, WorkloadProcesses];

    /// <summary>What <c>run</c> runs when no scenario is named: the built-in jobs and the HTTP baseline.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [.. JobScenarios, HttpBaseline];

    public static IReadOnlyList<string> All { get; } = [.. BuiltIn, .. WorkloadScenarios];

    public static IScenario Create(string name, WorkloadSettings workloads, ServiceNodes nodes)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        return name switch
        {
            IoThreads or IoProcesses => new JobScenario(Job(name, "io.sleep", "ms", workloads.SleepMs, workloads.Tasks), nodes),
            CpuThreads or CpuProcesses => new JobScenario(Job(name, "cpu.primes", "below", workloads.PrimesBelow, workloads.Tasks), nodes),
            HttpBaseline => new HttpBaselineScenario(nodes),
            WorkloadThreads or WorkloadProcesses => new JobScenario(Custom(name, workloads), nodes),
            _ => throw new ArgumentException($"Unknown scenario '{name}'; known: {string.Join(", ", All)}.", nameof(name)),
        };
    }

    private static ScenarioSettings Job(string name, string workload, string parameter, int value, int tasks)
    {
        var description = $"{workload} {parameter}={value}, {Tasks(tasks)}, on {Executor(name)}";
        return new ScenarioSettings(name, description, workload, Executor(name), new Dictionary<string, object> { [parameter] = value }, tasks);
    }

    private static ScenarioSettings Custom(string name, WorkloadSettings workloads)
    {
        var job = workloads.Custom
            ?? throw new ArgumentException($"The {name} scenario runs the workload named by --workload; none was given.", nameof(name));
        var parameters = job.Parameters.Count == 0 ? "default parameters" : string.Join(' ', job.Parameters.Select(p => $"{p.Key}={p.Value}"));
        var description = $"{job.Workload} {parameters}, {Tasks(workloads.Tasks)}, on {Executor(name)}";
        return new ScenarioSettings(name, description, job.Workload, Executor(name), job.Parameters, workloads.Tasks);
    }

    private static string Executor(string name) => name.EndsWith("-threads", StringComparison.Ordinal) ? "threads" : "processes";

    private static string Tasks(int tasks) => $"{tasks} task{(tasks == 1 ? "" : "s")}";
}
