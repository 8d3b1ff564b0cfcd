using ConcurrencyService.Api.Jobs;

namespace ConcurrencyService.Api.Experiments.Running;

/// <summary>
/// The one reader of the experiment queue: experiments run one at a time, in the order they were accepted, so no two
/// ever compete for the machine. A failing or cancelled experiment ends with a reason; nothing stops the loop.
/// </summary>
public sealed class ExperimentRunner(
    ExperimentQueue queue,
    ScalingExperimentRunner scaling,
    StartCostExperimentRunner startCost,
    CrashExperimentRunner crash,
    Microsoft.Extensions.Options.IOptions<ExperimentsOptions> options,
    ILogger<ExperimentRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var experiment in queue.ReadAllAsync(stoppingToken))
            {
                await RunAsync(experiment, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
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
                _ => throw new InvalidOperationException($"No runner for {experiment.Plan.GetType().Name}."),
            });
            experiment.TryFinish(ExperimentStatus.Succeeded);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            experiment.TryFinish(
                experiment.Cancellation.IsCancellationRequested ? ExperimentStatus.Cancelled : ExperimentStatus.Failed,
                experiment.Cancellation.IsCancellationRequested ? new JobError("cancelled", "Cancelled while running.")
                : stoppingToken.IsCancellationRequested ? new JobError("shutdown", "The service stopped while the experiment was running.")
                : new JobError("timedOut", $"The experiment ran longer than {ExperimentsOptions.Section}:MaxRunTime ({options.Value.MaxRunTime})."));
        }
        catch (ExperimentFailedException ex)
        {
            logger.LogWarning("Experiment {Id} failed: {Message}", experiment.Id, ex.Message);
            experiment.TryFinish(ExperimentStatus.Failed, new JobError(ex.Code, ex.Message));
        }
#pragma warning disable CA1031 // Whatever goes wrong fails this experiment only; the runner goes on with the next.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Experiment {Id} failed", experiment.Id);
            experiment.TryFinish(ExperimentStatus.Failed, new JobError("experimentFailed", $"{ex.GetType().Name}: {ex.Message}"));
        }

        logger.LogInformation("Experiment {Id} ended {Status}", experiment.Id, experiment.Status);
    }
}
