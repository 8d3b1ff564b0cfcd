using ConcurrencyService.Core.Telemetry;
using System.Diagnostics.Metrics;
using ConcurrencyService.Core.Executors;

namespace ConcurrencyService.Api.Metrics;

/// <summary>
/// Each executor's queue depth and busy workers, and the worker processes' life: alive now, started, crashed, killed and
/// recycled since the worker host started. Read from <see cref="ExecutorSamples"/>: the worker host keeps these counts,
/// and reports them with its pool.
/// </summary>
public sealed class ExecutorMetrics
{
    private static readonly KeyValuePair<string, object?> Processes = new("executor", ServiceMeter.Tag(ExecutorKind.Processes));

    public ExecutorMetrics(ServiceMeter meter, ExecutorSamples samples)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(samples);
        var m = meter.Meter;
        m.CreateObservableGauge(
            "concurrency_service.queue.depth",
            () => samples.QueueDepth.Select(q => new Measurement<int>(q.Value, new KeyValuePair<string, object?>("executor", ServiceMeter.Tag(q.Key)))),
            "{job}",
            "Jobs accepted and not yet started.");
        m.CreateObservableGauge(
            "concurrency_service.workers.busy",
            () => samples.Workers.Select(s => new Measurement<int>(s.Value.Workers.Count(w => w.State == WorkerState.Busy), new KeyValuePair<string, object?>("executor", ServiceMeter.Tag(s.Key)))),
            "{worker}",
            "Workers running a task now.");
        m.CreateObservableGauge(
            "concurrency_service.worker_processes.alive",
            () => Pool(samples, w => w.Workers.Count(IsAlive)),
            "{process}",
            "Worker processes running now (idle or busy).");
        m.CreateObservableCounter(
            "concurrency_service.worker_processes.started",
            () => Pool(samples, w => w.Pool is null ? 0 : w.Workers.Sum(x => 1L + (x.Restarts ?? 0))),
            "{process}",
            "Worker processes started since the worker host started: one per slot, plus each restart.");
        m.CreateObservableCounter("concurrency_service.worker_processes.crashed", () => Pool(samples, w => w.Pool?.WorkersCrashed ?? 0), "{process}", "Worker processes that died while running a task or at start.");
        m.CreateObservableCounter("concurrency_service.worker_processes.killed", () => Pool(samples, w => w.Pool?.WorkersKilled ?? 0), "{process}", "Worker processes killed for a timeout or a cancel.");
        m.CreateObservableCounter("concurrency_service.worker_processes.recycled", () => Pool(samples, w => w.Pool?.WorkersRecycled ?? 0), "{process}", "Worker processes replaced after their task or memory limit.");
    }

    private static bool IsAlive(WorkerInfo worker) =>
        worker.ProcessId > 0 && worker.State is WorkerState.Idle or WorkerState.Busy or WorkerState.Starting;

    private static IEnumerable<Measurement<long>> Pool(ExecutorSamples samples, Func<ExecutorWorkers, long> read) =>
        samples.Workers.TryGetValue(ExecutorKind.Processes, out var workers) ? [new Measurement<long>(read(workers), Processes)] : [];
}
