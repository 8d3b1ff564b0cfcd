namespace ConcurrencyService.Experiments.Running;

/// <summary>
/// Runs an advice request on the experiments' queue: calibrates the workload on this machine within its budget and answers
/// with the advisor's advice (<see cref="Advice.Advisor"/>), stored with the experiment like any experiment's results.
/// </summary>
public sealed class CalibrationRunner(CellExecutorsFactory cellExecutors, RunConditions conditions)
{
    public async Task RunAsync(Experiment experiment, AdvicePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(plan);
        var advice = await new CalibrationSession(experiment, plan, cellExecutors, conditions).RunAsync(cancellationToken);
        experiment.SetAdvice(advice);
    }
}
