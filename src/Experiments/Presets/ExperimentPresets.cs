using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using ConcurrencyService.Experiments.Results;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Experiments.Presets;

/// <summary>
/// The tutorials' experiments. Worker counts follow this machine's logical cores (<c>cores</c>): 1, 2, 4, … up to it. The
/// small sizes keep every preset to seconds; the default ones are the tutorials' own.
/// </summary>
public static class ExperimentPresets
{
    public const string PrimesPool = "primes-pool";
    public const string SqrtPerCore = "sqrt-per-core";
    public const string StartCost = "start-cost";
    public const string Sleeps = "sleeps";
    public const string Oversubscription = "oversubscription";
    public const string Crash = "crash";

    private static readonly int Cores = Environment.ProcessorCount;

    public static IReadOnlyList<ExperimentPreset> All { get; } =
    [
        new(
            PrimesPool,
            "Sum of the primes below 1,000,000, split over a pool",
            "Tutorial 3: is_prime by trial division, sequentially (1.16 s in CPython here), with multiprocessing.Pool(2).map (0.74 s) and ThreadPoolExecutor(2).map (22.9 s).",
            "Processes speed up CPU-bound work; threads do not (and make it slower).",
            "Strong scaling: the range split into N tasks of equal cost on N workers, as Pool.map with N workers; speedup = sequential ÷ cell. " +
            "processes-spawn starts a process per task, so it shows what a process start costs against a job this short.",
            size => Scaling(
                "Sum of the primes below " + (size == PresetSize.Small ? "100,000" : "1,000,000") + ", split over a pool",
                new PrimesWorkload(),
                new JsonObject { ["below"] = size == PresetSize.Small ? 100_000 : 1_000_000 },
                [ExperimentExecutor.Sequential, ExperimentExecutor.Threads, ExperimentExecutor.ThreadsGil, ExperimentExecutor.Processes, ExperimentExecutor.ProcessesSpawn],
                size == PresetSize.Small ? [1, 2] : CoreSteps(),
                size == PresetSize.Small ? 1 : 9, // runs of ~0.1 s: more of them, so the median shrugs off a burst of other load
                ScalingMode.Strong)),
        new(
            SqrtPerCore,
            "sqrt of 0..39,999,999 in one thread or process per core",
            "Tutorial 2: every thread (or process) takes math.sqrt of the same 4,000,000 numbers, one per core.",
            "Threads cannot run CPU work in parallel (the GIL); processes can.",
            "Weak scaling: each of the N tasks does the whole count of square roots, so the work grows with N; " +
            "speedup = N × sequential ÷ cell, the throughput gained (N on N free cores is perfect). The count is ten times the tutorial's: " +
            "4,000,000 roots take about 15 ms in .NET, too short to time reliably on a small shared machine.",
            size => Scaling(
                "sqrt of 0.." + (size == PresetSize.Small ? "399,999" : "39,999,999") + " per worker",
                new SqrtWorkload(),
                new JsonObject { ["count"] = size == PresetSize.Small ? 400_000 : 40_000_000 },
                [ExperimentExecutor.Sequential, ExperimentExecutor.Threads, ExperimentExecutor.ThreadsGil, ExperimentExecutor.Processes],
                size == PresetSize.Small ? [1, 2] : CoreSteps(),
                size == PresetSize.Small ? 1 : 5,
                ScalingMode.Weak)),
        new(
            StartCost,
            "100 thread starts against 100 process starts, each joined before the next",
            "Tutorial 1: a loop computing i*i and i*i+1 for 10,000 iterations, run by 100 threads and by 100 processes, each started and joined in turn.",
            "Starting a process costs far more than starting a thread.",
            "Milliseconds per start + join: a new Thread running cpu.squares and joined; a new worker process (the worker host's own " +
            "executable, started as its spawn pool starts one) given the same task over its pipe, answered and exited. The first of each is untimed.",
            size => new StartCostPlan(
                size == PresetSize.Small ? "5 thread starts against 5 process starts" : "100 thread starts against 100 process starts",
                size == PresetSize.Small ? 5 : 100,
                10_000)),
        new(
            Sleeps,
            "Ten 0.5 s sleeps on threads, processes and one after another",
            "Tutorial 4: a slow_function that sleeps, run one by one, by threads and by a pool (and tutorial 3: 13 pages fetched one by one, ~12 s, or by ThreadPoolExecutor(4), ~3.8 s).",
            "Threads speed up IO-bound work: their waits overlap.",
            "Strong scaling with a fixed 10 tasks: every executor gets the same ten sleeps on N workers; the baseline sleeps them one after another. " +
            "A .NET thread worker does not wait through an awaited sleep, so all ten overlap even on one worker; a worker process sleeps through its task, like a Python pool worker.",
            size => Scaling(
                "Ten " + (size == PresetSize.Small ? "20 ms" : "0.5 s") + " sleeps",
                new SleepWorkload(),
                new JsonObject { ["ms"] = size == PresetSize.Small ? 20 : 500 },
                [ExperimentExecutor.Sequential, ExperimentExecutor.Threads, ExperimentExecutor.ThreadsGil, ExperimentExecutor.Processes],
                size == PresetSize.Small ? [1, 2] : [1, 2, 5, 10],
                1,
                ScalingMode.Strong,
                tasks: 10)),
        new(
            Oversubscription,
            "The same CPU job on 1, 2, 3 and 4 × cores workers",
            "Tutorial 3: more processes than logical cores degrades throughput (and tutorial 1: too many processes make context switching dominate).",
            "More workers than cores stop helping, and too many make CPU-bound work slower.",
            "Strong scaling: the primes below 3,000,000 split into N tasks on N workers, for N = 1 and 1 to 4 × the logical cores; speedup = sequential ÷ cell.",
            size => Scaling(
                "The primes below " + (size == PresetSize.Small ? "200,000" : "3,000,000") + " on up to " + (size == PresetSize.Small ? 2 : 4) + " × cores workers",
                new PrimesWorkload(),
                new JsonObject { ["below"] = size == PresetSize.Small ? 200_000 : 3_000_000 },
                [ExperimentExecutor.Sequential, ExperimentExecutor.Threads, ExperimentExecutor.Processes],
                OversubscribedSteps(size == PresetSize.Small ? 2 : 4),
                size == PresetSize.Small ? 1 : 5,
                ScalingMode.Strong)),
        new(
            Crash,
            "A crash in one worker process among many",
            "Tutorial 5: parallel simulations in processes, where a crashing process does not bring the others down (and Python's ProcessPoolExecutor, where one dead worker breaks the pool).",
            "A crashing process does not bring the others down.",
            "The primes below 1,000,000 as 7 tasks plus one debug.crash (exit) task on 4 warm worker processes; then the same job again on the refilled pool. " +
            "The threads variant is not run: a crash would end the API process.",
            size => size == PresetSize.Small
                ? new CrashPlan("A crash in one of 4 tasks on 2 worker processes", 2, 4, 100_000)
                : new CrashPlan("A crash in one of 8 tasks on 4 worker processes", 4, 8, 1_000_000)),
    ];

    public static bool TryGet(string name, [NotNullWhen(true)] out ExperimentPreset? preset)
    {
        preset = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return preset is not null;
    }

    /// <summary>1, 2, 4, … below the core count, then the core count itself (at least 1 and 2).</summary>
    public static IReadOnlyList<int> CoreSteps()
    {
        var steps = new SortedSet<int> { 1, 2, Math.Max(Cores, 2) };
        for (var n = 4; n < Cores; n *= 2)
        {
            steps.Add(n);
        }

        return [.. steps];
    }

    private static IReadOnlyList<int> OversubscribedSteps(int times) =>
        [.. new SortedSet<int>(Enumerable.Range(1, times).Select(k => Math.Min(k * Math.Max(Cores, 2), 64)).Prepend(1))];

    private static ScalingPlan Scaling(
        string title, IWorkload workload, JsonObject parameters, IReadOnlyList<ExperimentExecutor> executors, IReadOnlyList<int> workers,
        int repetitions, ScalingMode mode, int? tasks = null)
    {
        var values = ParameterBinder.Bind(workload, parameters).Values
            ?? throw new InvalidOperationException($"The preset '{title}' has invalid parameters for {workload.Name}.");
        return new ScalingPlan(title, workload, values, executors, workers, repetitions, mode, tasks);
    }
}
