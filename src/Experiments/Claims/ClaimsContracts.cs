using System.ComponentModel;
using ConcurrencyService.Experiments.Presets;

namespace ConcurrencyService.Experiments.Claims;

/// <summary>One claim of the tutorials, what was measured for it here, and the verdict.</summary>
/// <param name="Tutorial">Which source tutorials make the claim.</param>
/// <param name="DotNet">The evidence in .NET, measured on this machine.</param>
/// <param name="UnderGil">The same under the emulated GIL, where it applies.</param>
/// <param name="Python">What CPython did on this project's machine kind (from the product brief), or what the tutorial reports.</param>
/// <param name="Rule">How the verdict was decided from the numbers.</param>
public sealed record ClaimRow(string Claim, string Tutorial, string DotNet, string UnderGil, string Python, ClaimVerdict Verdict, string Rule);

/// <summary>A claims run: every preset queued at once, and the table of claims they decide.</summary>
public sealed record ClaimsReportView(
    Guid Id,
    PresetSize Size,
    [property: Description("queued, running, then succeeded when every preset did, failed when one did not (its claims are then inconclusive), or cancelled.")] ExperimentStatus Status,
    ExperimentProgress Progress,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? FinishedAt,
    MachineInfo Machine,
    IReadOnlyList<ClaimsExperiment> Experiments,
    IReadOnlyList<ClaimRow> Claims,
    [property: Description("What may make the evidence wrong or noisy: a Debug build, and each preset's own notes, named by preset.")] IReadOnlyList<string> Notes,
    ClaimsLinks Links);

public sealed record ClaimsAccepted(Guid Id, ExperimentStatus Status, DateTimeOffset SubmittedAt, IReadOnlyList<ClaimsExperiment> Experiments, ClaimsLinks Links);

/// <summary>One preset of a claims run, as an experiment of its own.</summary>
/// <param name="Chart">Scaling presets: speedup against worker count as SVG.</param>
/// <param name="MachineLoad">Linux: runnable threads of other programs just before each run (0 is quiet).</param>
public sealed record ClaimsExperiment(string Preset, Guid Id, ExperimentStatus Status, string Link, string? Chart, Results.MachineLoad? MachineLoad, int JobsRunningMax);

public sealed record ClaimsLinks(
    [property: Description("GET: the claims table as JSON; add ?waitMs= to long-poll until it is complete.")] string Self,
    [property: Description("GET: the claims table as Markdown.")] string Markdown,
    [property: Description("DELETE: cancel every preset of the run that has not finished.")] string Cancel)
{
    public static ClaimsLinks For(Guid id) => new($"/api/experiments/claims/{id}", $"/api/experiments/claims/{id}/report.md", $"/api/experiments/claims/{id}");
}
