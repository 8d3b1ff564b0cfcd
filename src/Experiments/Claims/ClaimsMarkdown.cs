using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ConcurrencyService.Experiments.Claims;

/// <summary>The claims table as Markdown, for a document (docs/claims.md holds one) or a report.</summary>
public static class ClaimsMarkdown
{
    public static string Render(ClaimsReportView report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var machine = report.Machine;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### The tutorials' claims, measured ({Name(report.Size)} size)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{machine.LogicalCores} logical cores ({machine.Cpu}), {machine.Os}, {machine.Runtime}, {machine.Build} build, " +
            $"{(machine.Worker is { } worker ? $"{Name(worker)} worker" : "no worker found")}; claims run {report.Id}, " +
            $"{(report.FinishedAt ?? report.SubmittedAt).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}, {Name(report.Status)}.");
        text.AppendLine();
        text.AppendLine("| claim (tutorial) | .NET | .NET, GIL emulated | CPython | verdict |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var claim in report.Claims)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(claim.Claim)} ({claim.Tutorial}) | {Cell(claim.DotNet)} | {Cell(claim.UnderGil)} | {Cell(claim.Python)} | **{Verdict(claim.Verdict)}** |");
        }

        text.AppendLine();
        if (report.Notes.Count > 0)
        {
            text.AppendLine("Notes on the evidence:");
            text.AppendLine();
            foreach (var note in report.Notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }

            text.AppendLine();
        }

        text.AppendLine("How each verdict is decided:");
        text.AppendLine();
        foreach (var claim in report.Claims)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {claim.Claim}: {claim.Rule}.");
        }

        text.AppendLine();
        text.AppendLine("Other programs' runnable threads just before each run (0 is a quiet machine; more is other work competing for the cores):");
        text.AppendLine();
        text.AppendLine("| preset | status | other runnable threads, mean / max | regular jobs running, max | results | chart |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var experiment in report.Experiments)
        {
            var load = experiment.MachineLoad is { } l ? string.Create(CultureInfo.InvariantCulture, $"{l.MeanOtherRunnable:0.0#} / {l.MaxOtherRunnable}") : "-";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{experiment.Preset}` | {Name(experiment.Status)} | {load} | {experiment.JobsRunningMax} | {experiment.Link} | {experiment.Chart ?? "-"} |");
        }
        return text.ToString();
    }

    private static string Verdict(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Holds => "holds",
        ClaimVerdict.HoldsOnlyUnderGil => "holds only under a GIL",
        ClaimVerdict.DoesNotHold => "does not hold",
        ClaimVerdict.Inconclusive => "inconclusive",
        _ => "pending",
    };

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
