using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// An experiment never shows a number without its noise: on a machine made busy on purpose (spinning processes this test
/// starts and kills) its JSON and its chart carry the note, its machine block names the build and the worker, and each
/// cell's speedup has its 95% interval. The busy machine is the point, so no assertion depends on timings.
/// </summary>
public sealed class ExperimentNoiseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ExperimentsClient _experiments = new(factory.CreateApiClient());

    [Fact]
    public async Task SubmitExperiment_OnABusyMachine_NotesItInItsJsonAndChart_WithIntervalsAndTheBuild()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the machine's load is read from /proc
        }

        using var spinners = Spinners.Start(2 * Environment.ProcessorCount);
        var id = await _experiments.SubmitAsync(new
        {
            workload = "mixed",
            parameters = new { cpuMs = 2, waitMs = 2, rounds = 8 },
            executors = new[] { "threads", "threads+gil", "processes", "processes-spawn" }, // mixed on every executor
            workers = new[] { 2 },
            repetitions = 4,
        });

        var experiment = await _experiments.WaitAsync(id);
        spinners.Dispose();

        Assert.Equal("succeeded", experiment["status"]!.GetValue<string>());
        var notes = experiment["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains(notes, n => n.StartsWith("A busy machine", StringComparison.Ordinal));
        var machine = experiment["machine"]!;
#if DEBUG
        Assert.Equal("debug", machine["build"]!.GetValue<string>(), ignoreCase: true);
        Assert.Contains(notes, n => n.StartsWith("A Debug build", StringComparison.Ordinal));
#else
        Assert.Equal("release", machine["build"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal("lean", machine["worker"]!.GetValue<string>(), ignoreCase: true);
#endif
        foreach (var executor in new[] { "threads", "threads+gil", "processes", "processes-spawn" })
        {
            var cell = ExperimentsClient.Cell(experiment, executor, 2);
            var interval = cell["speedupInterval"]!;
            Assert.True(interval["low"]!.GetValue<double>() <= interval["high"]!.GetValue<double>(), $"{executor}: {interval.ToJsonString()}");
            Assert.True(cell["taskRunMs"]!.GetValue<double>() > 0, $"{executor}: the workers' occupied time is filled");
            Assert.NotNull(cell["occupancy"]);
            Assert.Equal(2, cell["ideal"]!.GetValue<int>()); // mixed work is not capped at the cores, nor at 1 under a GIL
        }

        var svg = await _experiments.Http.GetStringAsync(new Uri($"/api/experiments/{id}/chart.svg", UriKind.Relative));
        Assert.Contains("Note: A busy machine", svg, StringComparison.Ordinal);
    }

    /// <summary>
    /// Busy loops in plain <c>sh</c>, detached (their parent exits, so they count as other programs), killed by their
    /// pids on dispose; each also ends by itself after two minutes should the test process die first.
    /// </summary>
    private sealed class Spinners : IDisposable
    {
        private readonly List<int> _pids;

        private Spinners(List<int> pids) => _pids = pids;

        public static Spinners Start(int count)
        {
            var end = DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var loop = $"while :; do i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; [ $(date +%s) -lt {end} ] || exit 0; done";
            var script = $"for n in $(seq {count}); do sh -c '{loop}' >/dev/null 2>&1 </dev/null & echo $!; done";
            using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { RedirectStandardOutput = true })!;
            var output = parent.StandardOutput.ReadToEnd();
            parent.WaitForExit();
            return new([.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))]);
        }

        public void Dispose()
        {
            foreach (var pid in _pids)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (ArgumentException)
                {
                    // already gone
                }
                catch (InvalidOperationException)
                {
                    // exited meanwhile
                }
            }

            _pids.Clear();
        }
    }
}
