using ConcurrencyService.Load.Models;
using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Server;
using ConcurrencyService.Load.Thresholds;

namespace ConcurrencyService.Load.Commands;

/// <summary>Settings every command shares: the target, job sizes, timing around iterations, reports and thresholds.</summary>
/// <param name="Targets">Running servers (nodes), taken round-robin; none starts one.</param>
public sealed record CommonOptions(
    IReadOnlyList<Uri> Targets,
    WorkloadSettings Workloads,
    TimeSpan Warmup,
    TimeSpan Grace,
    TimeSpan IterationTimeout,
    int QueueCapacity,
    string OutputFolder,
    IReadOnlyList<ThresholdRule> Thresholds,
    string CommandLine)
{
    public LoadProfile Profile(LoadModel model) => new(model, Warmup, Grace, IterationTimeout);

    /// <summary>"embedded", or the targets' URLs, as the reports name the server.</summary>
    public string DescribeTargets() => Targets.Count == 0 ? "embedded" : string.Join(", ", Targets);
}

/// <summary><c>run</c>: the chosen scenarios, one after another, under one load model, on one server.</summary>
public sealed record RunOptions(CommonOptions Common, IReadOnlyList<string> Scenarios, LoadModel Model, ServerSettings Server);

/// <summary><c>compare</c>: the four job scenarios at each worker count, on a server restarted per count.</summary>
/// <param name="IoUsers">Closed-model users of the IO scenarios: enough to show waits overlapping.</param>
/// <param name="CpuUsersPerWorker">CPU users per worker, so the workers always have a job waiting.</param>
public sealed record CompareOptions(CommonOptions Common, bool Smoke, IReadOnlyList<int> WorkerCounts, TimeSpan Duration, int IoUsers, int CpuUsersPerWorker);
