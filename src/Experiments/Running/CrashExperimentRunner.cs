using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Experiments.Running;

/// <summary>
/// Tutorial 5: one task among many crashes its worker process (<c>debug.crash</c>, mode exit). It runs on a worker host of
/// its own with the fault workloads on, whatever <c>Diagnostics:FaultWorkloads</c> says for the public catalog: the crash
/// is the experiment's own, and no request can send one. The other tasks must finish with their results intact, the pool
/// must refill, and the same job must then run again on it.
/// </summary>
public sealed class CrashExperimentRunner(DedicatedHostSettings hosts, WorkloadContext context, RunConditions conditions)
{
    public const string ThreadsVariant =
        "Not run, on purpose: a thread cannot crash alone. Environment.FailFast, a stack overflow or an access violation on any " +
        "thread ends the whole process — here the API, with every job in it — which is why the threads executor refuses debug.crash. " +
        "A thread that merely throws is an ordinary failed task, on threads as on processes.";

    private static readonly IWorkload Primes = new PrimesWorkload();
    private static readonly IWorkload Crash = new CrashWorkload();

    public async Task RunAsync(Experiment experiment, CrashPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(plan);
        var values = Bind(Primes, new JsonObject { ["below"] = plan.Below });
        var whole = await Primes.RunPieceAsync(Primes.Split(values, 1)[0], context, cancellationToken);
        var expected = Primes.Combine(values, [whole]).ToJsonString();
        experiment.SetResult(JsonSerializer.SerializeToElement(JsonNode.Parse(expected), WorkloadJson.Options));

        await using var host = await DedicatedWorkerHost.StartAsync(hosts, "warm", plan.Workers, faultWorkloads: true, cancellationToken);
        var pidsBefore = await PidsAsync(host, cancellationToken);
        var crashIndex = (plan.Tasks - 1) / 2;
        var primePieces = Primes.Split(values, plan.Tasks - 1);
        var crashPiece = Crash.Split(Bind(Crash, new JsonObject { ["mode"] = "exit" }), 1)[0];
        var pieces = Enumerable.Range(0, plan.Tasks)
            .Select(i => i == crashIndex
                ? new TaskPiece(experiment.Id, i, Crash, crashPiece)
                : new TaskPiece(experiment.Id, i, Primes, primePieces[i < crashIndex ? i : i - 1]))
            .ToList();

        conditions.Observe(experiment);
        var outcomes = await PieceDispatch.RunAllAsync(host.Executor, pieces, plan.Workers, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        experiment.CountRun();
        var others = outcomes.Where((_, i) => i != crashIndex).ToList();
        var othersSucceeded = others.Count(o => o.Record.Status == TaskRunStatus.Succeeded);
        var result = othersSucceeded == others.Count ? Primes.Combine(values, [.. others.Select(o => o.Output!)]) : null;

        var refilled = await RefilledAsync(host, cancellationToken);
        var pool = await host.DescribeAsync(cancellationToken);
        var pidsAfter = await PidsAsync(host, cancellationToken);
        var again = await PieceDispatch.RunAllAsync(
            host.Executor, [.. primePieces.Select((p, i) => new TaskPiece(experiment.Id, i, Primes, p))], plan.Workers, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        experiment.CountRun();
        var followUp = again.All(o => o.Record.Status == TaskRunStatus.Succeeded)
            && Primes.Combine(values, [.. again.Select(o => o.Output!)]).ToJsonString() == expected;

        experiment.SetCrash(new CrashView(
            plan.Workers,
            plan.Tasks,
            crashIndex,
            outcomes[crashIndex].Record.Error,
            others.Count,
            othersSucceeded,
            result?.ToJsonString() == expected,
            result is null ? null : JsonSerializer.SerializeToElement(result, WorkloadJson.Options),
            pool.WorkersCrashed,
            refilled,
            pidsBefore,
            pidsAfter,
            followUp,
            ThreadsVariant));
    }

    private static ParameterValues Bind(IWorkload workload, JsonObject parameters) =>
        ParameterBinder.Bind(workload, parameters).Values ?? throw new InvalidOperationException($"Bad parameters for {workload.Name}.");

    private static async Task<IReadOnlyList<int>> PidsAsync(DedicatedWorkerHost host, CancellationToken cancellationToken) =>
        [.. (await host.DescribeAsync(cancellationToken)).Workers.Select(w => w.ProcessId ?? 0).Order()];

    private static async Task<bool> RefilledAsync(DedicatedWorkerHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.WaitUntilReadyAsync(cancellationToken);
            return true;
        }
        catch (ExperimentFailedException)
        {
            return false;
        }
    }
}
