using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Core.Queue;

namespace ConcurrencyService.Experiments.Running;

/// <summary>
/// Runs an experiment when the queue's <c>experiments</c> worker hands over its ticket. That queue has one worker, so
/// experiments run one at a time, in the order they were accepted, and no two ever compete for the machine. A failing
/// or cancelled experiment ends with a reason, returned as the queue's outcome.
/// </summary>
public sealed class ExperimentRunner(
    RetainingStore<Experiment> store,
    ScalingExperimentRunner scaling,
    StartCostExperimentRunner startCost,
    CrashExperimentRunner crash,
    CalibrationRunner calibration,
    IHostApplicationLifetime lifetime,
    Microsoft.Extensions.Options.IOptions<ExperimentsOptions> options,
    ILogger<ExperimentRunner> logger) : IQueueHandler<ExperimentTicket>
{
    public async Task<RunOutcome> RunAsync(ExperimentTicket ticket, string? queueJobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (store.Find(ticket.ExperimentId) is not { } experiment)
        {
            return RunOutcome.Failed($"Experiment {ticket.ExperimentId} has no record: it was removed before it ran.");
        }

        await RunAsync(experiment, cancellationToken);
        return experiment.ToView() switch
        {
            { Status: ExperimentStatus.Succeeded } => RunOutcome.Succeeded,
            { Status: ExperimentStatus.Cancelled } view => RunOutcome.Cancelled(view.Error?.Message ?? "Cancelled."),
            var view => RunOutcome.Failed(view.Error is { } error ? $"{error.Code}: {error.Message}" : view.Status.ToString()),
        };
    }

    private async Task RunAsync(Experiment experiment, CancellationToken stoppingToken)
    {
        if (!experiment.TryStart())
        {
            return; // cancelled while queued
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(experiment.Cancellation, stoppingToken);
        stop.CancelAfter(options.Value.MaxRunTime);
        logger.LogInformation("Experiment {Id} ({Title}) started", experiment.Id, experiment.Plan.Title);
        try
        {
            await (experiment.Plan switch
            {
                ScalingPlan plan => scaling.RunAsync(experiment, plan, stop.Token),
                StartCostPlan plan => startCost.RunAsync(experiment, plan, stop.Token),
                CrashPlan plan => crash.RunAsync(experiment, plan, stop.Token),
                AdvicePlan plan => calibration.RunAsync(experiment, plan, stop.Token),
                _ => throw new InvalidOperationException($"No runner for {experiment.Plan.GetType().Name}."),
            });
            experiment.TryFinish(ExperimentStatus.Succeeded);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            experiment.TryFinish(
                experiment.Cancellation.IsCancellationRequested ? ExperimentStatus.Cancelled : ExperimentStatus.Failed,
                experiment.Cancellation.IsCancellationRequested ? new JobError("cancelled", "Cancelled while running.")
                : lifetime.ApplicationStopping.IsCancellationRequested ? new JobError("shutdown", "The service stopped while the experiment was running.")
                : stoppingToken.IsCancellationRequested ? new JobError("deleted", "Its queue entry was deleted (e.g. from the Hangfire dashboard) while it ran.")
                : new JobError("timedOut", $"The experiment ran longer than {ExperimentsOptions.Section}:MaxRunTime ({options.Value.MaxRunTime})."));
        }
        catch (ExperimentFailedException ex)
        {
            logger.LogWarning("Experiment {Id} failed: {Message}", experiment.Id, ex.Message);
            experiment.TryFinish(ExperimentStatus.Failed, new JobError(ex.Code, ex.Message));
        }
        // Whatever goes wrong fails this experiment only; the runner goes on with the next.
        catch (Exception ex)
        {
            logger.LogError(ex, "Experiment {Id} failed", experiment.Id);
            experiment.TryFinish(ExperimentStatus.Failed, new JobError("experimentFailed", $"{ex.GetType().Name}: {ex.Message}"));
        }

        logger.LogInformation("Experiment {Id} ended {Status}", experiment.Id, experiment.Status);
    }
}
