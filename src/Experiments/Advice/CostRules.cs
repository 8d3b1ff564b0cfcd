namespace ConcurrencyService.Experiments.Advice;

/// <summary>Per-task and per-worker costs, and the task size at which the processes executor's overhead stops mattering.</summary>
internal static class CostRules
{
    public static Costs From(Calibration calibration, Profile profile)
    {
        // A round trip minus the task's run can come out a hair below zero on clock jitter; there is no negative overhead.
        List<ExecutorOverhead> dispatch = [.. calibration.Dispatch
            .Where(d => d.OverheadMs.Count > 0)
            .Select(d => new ExecutorOverhead(d.Executor, Intervals.Median([.. d.OverheadMs.Select(o => Math.Max(0, o))])))];
        var processes = dispatch.FirstOrDefault(d => d.Executor == ExperimentExecutor.Processes)?.PerTaskMs;
        var workers = calibration.WorkerProcesses;
        return new Costs(
            dispatch,
            workers is { StartMs.Count: > 0 } ? Intervals.Median(workers.StartMs) : null,
            workers is { ResidentMb.Count: > 0 } ? Intervals.Median(workers.ResidentMb) : null,
            processes?.Times(1 / AdviceRules.BreakEvenShare),
            processes is not null && profile.TaskMs.Value > 0 ? processes.Times(1 / profile.TaskMs.Value) : null);
    }
}
