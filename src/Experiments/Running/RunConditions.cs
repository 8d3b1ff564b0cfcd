using ConcurrencyService.Core.Executors;
using ConcurrencyService.Experiments.Results;
using ConcurrencyService.Core.Jobs;

namespace ConcurrencyService.Experiments.Running;

/// <summary>Notes on an experiment, before each of its runs, what else was competing for the machine's cores.</summary>
public sealed class RunConditions(JobCounters statistics)
{
    public void Observe(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var jobs = Enum.GetValues<ExecutorKind>().Sum(kind => statistics.For(kind).Running);
        experiment.ObserveBeforeRun(jobs, MachineLoad.OtherRunnableNow());
    }
}
