using ConcurrencyService.Experiments.Presets;

namespace ConcurrencyService.Experiments.Claims;

/// <summary>
/// Every preset, queued together as experiments of their own, and the claims table they decide. It holds the
/// experiments themselves, so its report outlives their removal from the experiment store.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "_python has no timer and no linked parent: an undisposed one holds nothing but memory, freed with the run.")]
public sealed class ClaimsRun : IRetained
{
    private readonly CancellationTokenSource _python = new();
    private readonly Task<CPythonEvidence> _measured;

    /// <param name="python">The tutorials' Python programs, run once the experiments end; null: not run.</param>
    /// <param name="stopping">Ends the Python programs (their process trees are killed) when the service stops.</param>
    public ClaimsRun(Guid id, PresetSize size, DateTimeOffset submittedAt, IReadOnlyList<Experiment> experiments, CPythonPrograms? python = null, CancellationToken stopping = default)
    {
        Id = id;
        Size = size;
        SubmittedAt = submittedAt;
        Experiments = experiments;
        var registration = stopping.Register(_python.Cancel);
        _measured = python is null ? Task.FromResult(CPythonEvidence.NotRun) : MeasureAsync(python, registration);
    }

    public Guid Id { get; }

    public PresetSize Size { get; }

    public DateTimeOffset SubmittedAt { get; }

    public IReadOnlyList<Experiment> Experiments { get; }

    public Task Finished => Task.WhenAll([.. Experiments.Select(e => e.Finished), _measured]);

    private CPythonEvidence Python => _measured.IsCompletedSuccessfully ? _measured.Result : CPythonEvidence.Measuring;

    public DateTimeOffset? FinishedAt =>
        Experiments.All(e => e.FinishedAt is not null) ? Experiments.Max(e => e.FinishedAt) : null;

    /// <summary>Cancels every preset that has not finished.</summary>
    public void Cancel()
    {
        foreach (var experiment in Experiments.Where(e => !e.Status.IsFinal()))
        {
            experiment.Cancel();
        }

        _python.Cancel();
    }

    public ClaimsReportView ToView()
    {
        var views = Experiments.Select(e => e.ToView()).ToList();
        var byPreset = views.ToDictionary(v => v.Preset!, StringComparer.Ordinal);
        var machine = Experiments.Count > 0 ? Experiments[0].Machine : MachineInfo.Current;
        return new ClaimsReportView(
            Id,
            Size,
            Status(views) is var status && status == ExperimentStatus.Succeeded && !_measured.IsCompleted ? ExperimentStatus.Running : status,
            new ExperimentProgress(views.Sum(v => v.Progress.RunsDone), views.Sum(v => v.Progress.RunsTotal)),
            SubmittedAt,
            FinishedAt,
            machine,
            [.. views.Select(v => new ClaimsExperiment(v.Preset!, v.Id, v.Status, v.Links.Self, v.Links.Chart, v.MachineLoad, v.JobsRunningMax))],
            ClaimVerdicts.Evaluate(ClaimsEvidence.From(Environment.ProcessorCount, byPreset) with { Python = Python }),
            Notes(machine, views),
            ClaimsLinks.For(Id));
    }

    /// <summary>A Debug build's note once for the report, then every preset's other notes under its name.</summary>
    private static List<string> Notes(MachineInfo machine, IReadOnlyList<ExperimentView> views)
    {
        List<string> notes = machine.Build == Advice.BuildConfiguration.Debug
            ? ["A Debug build: the JIT optimises less and the worker host starts the framework-dependent worker, so this evidence says little about a Release build."]
            : [];
        notes.AddRange(views.SelectMany(v => v.Notes.Where(n => !n.StartsWith("A Debug build", StringComparison.Ordinal)).Select(n => $"{v.Preset}: {n}")));
        return notes;
    }

    private async Task<CPythonEvidence> MeasureAsync(CPythonPrograms python, CancellationTokenRegistration stopping)
    {
        using (stopping)
        {
            await Task.WhenAll(Experiments.Select(e => e.Finished)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                return _python.IsCancellationRequested ? CPythonEvidence.NotRun : await python.RunAsync(_python.Token);
            }
            catch (OperationCanceledException)
            {
                return CPythonEvidence.NotRun with { Pending = "CPython: cancelled" };
            }
        }
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
