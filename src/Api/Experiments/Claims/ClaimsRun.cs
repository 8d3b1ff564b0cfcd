using ConcurrencyService.Api.Experiments.Presets;

namespace ConcurrencyService.Api.Experiments.Claims;

/// <summary>
/// Every preset, queued together as experiments of their own, and the claims table they decide. It holds the
/// experiments themselves, so its report outlives their removal from the experiment store.
/// </summary>
public sealed class ClaimsRun(Guid id, PresetSize size, DateTimeOffset submittedAt, IReadOnlyList<Experiment> experiments) : IRetained
{
    public Guid Id { get; } = id;

    public PresetSize Size { get; } = size;

    public DateTimeOffset SubmittedAt { get; } = submittedAt;

    public IReadOnlyList<Experiment> Experiments { get; } = experiments;

    public Task Finished => Task.WhenAll(Experiments.Select(e => e.Finished));

    public DateTimeOffset? FinishedAt =>
        Experiments.All(e => e.FinishedAt is not null) ? Experiments.Max(e => e.FinishedAt) : null;

    /// <summary>Cancels every preset that has not finished.</summary>
    public void Cancel()
    {
        foreach (var experiment in Experiments.Where(e => !e.Status.IsFinal()))
        {
            experiment.Cancel();
        }
    }

    public ClaimsReportView ToView()
    {
        var views = Experiments.Select(e => e.ToView()).ToList();
        var byPreset = views.ToDictionary(v => v.Preset!, StringComparer.Ordinal);
        return new ClaimsReportView(
            Id,
            Size,
            Status(views),
            new ExperimentProgress(views.Sum(v => v.Progress.RunsDone), views.Sum(v => v.Progress.RunsTotal)),
            SubmittedAt,
            FinishedAt,
            MachineInfo.Current,
            [.. views.Select(v => new ClaimsExperiment(v.Preset!, v.Id, v.Status, v.Links.Self, v.Links.Chart, v.MachineLoad, v.JobsRunningMax))],
            ClaimVerdicts.Evaluate(ClaimsEvidence.From(Environment.ProcessorCount, byPreset)),
            ClaimsLinks.For(Id));
    }

    private static ExperimentStatus Status(IReadOnlyList<ExperimentView> views)
    {
        if (views.All(v => v.Status == ExperimentStatus.Queued))
        {
            return ExperimentStatus.Queued;
        }

        if (views.Any(v => !v.Status.IsFinal()))
        {
            return ExperimentStatus.Running;
        }

        return views.Any(v => v.Status == ExperimentStatus.Cancelled) ? ExperimentStatus.Cancelled
            : views.Any(v => v.Status == ExperimentStatus.Failed) ? ExperimentStatus.Failed
            : ExperimentStatus.Succeeded;
    }
}
