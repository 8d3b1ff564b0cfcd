using System.Globalization;
using ConcurrencyService.Load.Statistics;
using Spectre.Console;

namespace ConcurrencyService.Load.Running;

/// <summary>
/// Live progress of a scenario run: a progress bar with counts on a terminal; on anything else (CI logs, files)
/// a plain line every few seconds, so logs stay readable.
/// </summary>
public static class ConsoleProgress
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static async Task<ScenarioStatistics> TrackAsync(IAnsiConsole console, string label, ScenarioRun run, Task<ScenarioStatistics> work)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(work);
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(label), maxValue: 1);
                    while (!work.IsCompleted)
                    {
                        task.Value = run.Progress;
                        task.Description = Markup.Escape($"{label}  {Status(run)}");
                        await Task.WhenAny(work, Task.Delay(250));
                    }

                    task.Value = 1;
                });
        }
        else
        {
            while (!work.IsCompleted)
            {
                if (await Task.WhenAny(work, Task.Delay(PlainInterval)) != work)
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: {run.Elapsed.TotalSeconds:0}s  {Status(run)}"));
                }
            }
        }

        var statistics = await work;
        console.MarkupLineInterpolated(
            $"  [green]✓[/] {label}: {statistics.Ok} ok, {statistics.Failed} failed, {statistics.Dropped} dropped · {statistics.OkPerSecond:0.#}/s · p50 {statistics.EndToEnd.P50:0.#} ms · p99 {statistics.EndToEnd.P99:0.#} ms");
        return statistics;
    }

    private static string Status(ScenarioRun run) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(run.Elapsed < run.Profile.Warmup ? "warm-up  " : "")}ok {run.Recorder.Ok}  failed {run.Recorder.Failed}  dropped {run.Recorder.Dropped}  in flight {run.InFlight}");
}
