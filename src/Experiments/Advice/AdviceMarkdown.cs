using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ConcurrencyService.Experiments.Advice;

/// <summary>An advice run as Markdown: the answer first, then its evidence (profile, curve, costs), its doubts and the machine.</summary>
public static class AdviceMarkdown
{
    public static string Render(AdviceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = new StringBuilder();
        Line(text, $"# Threads or processes for {view.Workload}?");
        text.AppendLine();
        Line(text, $"Parameters `{view.Parameters.GetRawText()}`, a {view.BudgetSeconds} s budget; advice run {view.Id}, {Name(view.Status)}.");
        text.AppendLine();
        if (view.Advice is not { } advice)
        {
            if (view.Error is { } error)
            {
                Line(text, $"No advice: {error.Code}: {error.Message}");
            }
            else
            {
                Line(text, $"No advice yet: {view.Progress.RunsDone} of {view.Progress.RunsTotal} runs done. Ask again in a moment ({view.Links.Self}?waitMs=30000 waits for it).");
            }

            Machine(text, view);
            return text.ToString();
        }

        Recommend(text, ".NET (threads vs processes)", advice.DotNet);
        Recommend(text, "A runtime with a GIL, e.g. CPython (threads under the GIL vs processes)", advice.Gil);

        Line(text, $"## Profile");
        text.AppendLine();
        Line(text, $"{ProfileRules.Describe(advice.Profile)} (CPU time ÷ run time of each task); a task runs {Words.Ms(advice.Profile.TaskMs)}.");
        text.AppendLine();

        Line(text, $"## Speedup over the sequential baseline");
        text.AppendLine();
        text.AppendLine("| executor | workers | speedup | 95% interval | runs | flags |");
        text.AppendLine("|---|---:|---:|---|---:|---|");
        foreach (var point in advice.Curve)
        {
            var flags = string.Join(", ", new[] { point.AboveIdeal ? "above ideal" : null, point.WorkersIdle ? "workers idle" : null }.OfType<string>());
            Line(text, $"| {point.Executor.Name()} | {point.Workers} | {Number(point.Speedup.Value)}× | {Interval(point.Speedup, "×")} | {point.Runs} | {flags} |");
        }

        text.AppendLine();
        Costs(text, advice.Costs);
        List(text, "Notes", advice.Notes);
        List(text, "What it cannot tell", advice.CannotTell);
        if (advice.Doubts != Doubts.None)
        {
            var doubts = Enum.GetValues<Doubts>().Where(d => d != Doubts.None && advice.Doubts.HasFlag(d)).Select(Name);
            Line(text, $"Doubts (the rules that fired): {string.Join(", ", doubts)}.");
            text.AppendLine();
        }

        Machine(text, view);
        return text.ToString();
    }

    private static void Recommend(StringBuilder text, string runtime, Recommendation recommendation)
    {
        Line(text, $"**{runtime}: {Name(recommendation.Choice)}**");
        text.AppendLine();
        foreach (var reason in recommendation.Reasons)
        {
            Line(text, $"- {reason}");
        }

        text.AppendLine();
    }

    private static void Costs(StringBuilder text, Costs costs)
    {
        Line(text, $"## Costs");
        text.AppendLine();
        foreach (var overhead in costs.Dispatch)
        {
            Line(text, $"- Dispatch per task on {overhead.Executor.Name()}: {Words.Ms(overhead.PerTaskMs)}");
        }

        Optional(text, "A worker process's start", costs.WorkerStartMs, " ms");
        Optional(text, "A worker process's resident memory", costs.WorkerResidentMb, " MB");
        Optional(text, "Break-even task size (processes' per-task overhead under 5% of the task)", costs.BreakEvenTaskMs, " ms");
        if (costs.ProcessHopShare is { } hop)
        {
            Line(text, $"- This workload's task pays {Words.Percent(hop.Value)}% of its run for its process hop");
        }

        text.AppendLine();
    }

    private static void Optional(StringBuilder text, string what, Estimate? estimate, string unit)
    {
        if (estimate is { } e)
        {
            Line(text, $"- {what}: {Number(e.Value)}{unit} {Interval(e, "")}");
        }
        else
        {
            Line(text, $"- {what}: not measured");
        }
    }

    private static void List(StringBuilder text, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        Line(text, $"## {title}");
        text.AppendLine();
        foreach (var item in items)
        {
            Line(text, $"- {item}");
        }

        text.AppendLine();
    }

    private static void Machine(StringBuilder text, AdviceView view)
    {
        Line(text, $"## Machine");
        text.AppendLine();
        var machine = view.Machine;
        Line(text, $"- {machine.LogicalCores} logical cores ({machine.Cpu}), {machine.Os}, {machine.Runtime}");
        if (view.Conditions is { } conditions)
        {
            var worker = machine.Worker switch
            {
                Core.Executors.Processes.WorkerFlavour.Lean => "; the lean worker (self-contained, trimmed, ReadyToRun)",
                Core.Executors.Processes.WorkerFlavour.FrameworkDependent => "; the framework-dependent worker (plugins or a Debug build)",
                _ => "",
            };
            Line(text, $"- {conditions.Build} build{worker}; clock tick {conditions.ClockResolutionMs.ToString("0.######", CultureInfo.InvariantCulture)} ms");
            if (conditions.Load is { } load)
            {
                Line(text, $"- Other programs' runnable threads before each run: {Number(load.MeanOtherRunnable)} on average, {load.MaxOtherRunnable} at most ({load.Samples} samples)");
            }
            else
            {
                Line(text, $"- Other programs' load: not known on this OS");
            }
        }

        if (view.Setup is { } setup)
        {
            Line(text, $"- The job as {setup.TasksPerJob} tasks, {setup.Rounds} cop{(setup.Rounds == 1 ? "y" : "ies")} per run, {setup.Repetitions} runs per cell on {string.Join(", ", setup.Workers)} workers; {Number(setup.MeasuredSeconds)} s in all");
        }
    }

    private static string Interval(Estimate e, string unit) =>
        e is { Low: { } low, High: { } high } ? $"[{Number(low)}, {Number(high)}]{unit.Trim()}" : "none (too few runs)";

    private static string Number(double value) => value.ToString(Math.Abs(value) >= 10 ? "#,0.#" : "0.0##", CultureInfo.InvariantCulture);

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(FormattableString.Invariant(line));
}
