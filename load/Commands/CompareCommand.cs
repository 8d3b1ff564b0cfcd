using System.Diagnostics;
using ConcurrencyService.Load.Models;
using ConcurrencyService.Load.Reports;
using ConcurrencyService.Load.Running;
using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Server;
using ConcurrencyService.Load.Thresholds;
using Spectre.Console;

namespace ConcurrencyService.Load.Commands;

/// <summary>
/// The comparison suite: IO-bound and CPU-bound jobs on threads and on processes, at each worker count, on a server
/// restarted with that count, then the headline table of jobs/s, p99 and speedup over 1 worker.
/// </summary>
public static class CompareCommand
{
    private const int BaselineUsers = 16;

    /// <summary>
    /// The smoke suite's steps are a second long; on a busy machine that second can pass with no iteration measured (a
    /// fresh server's first jobs outlast warm-up and window), so each scenario goes on until it has this many.
    /// </summary>
    public const long SmokeMinIterations = 10;

    /// <summary>How long a smoke scenario may wait for <see cref="SmokeMinIterations"/>; its p99 threshold is as long.</summary>
    public static readonly TimeSpan SmokeMaxDuration = TimeSpan.FromSeconds(30);

    public static async Task<int> ExecuteAsync(CompareOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var common = options.Common;
        var counts = options.WorkerCounts;
        if (common.Targets.Count > 0)
        {
            console.MarkupLine("[yellow]--target: a running server's worker counts can't be changed from here; the suite runs one step with the counts it has.[/]");
            counts = [0];
        }

        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var steps = new List<StepResult>();
        foreach (var workers in counts)
        {
            await using var session = await ServiceSession.OpenAsync(common.Targets, new ServerSettings(workers, workers, common.QueueCapacity), cancellationToken);
            var stepWorkers = session.Executors.Max(e => e.Workers);
            var plan = Plan(options, stepWorkers, withBaseline: steps.Count == 0);
            steps.Add(await new StepRunner(console).RunAsync(StepName(stepWorkers), session, plan, cancellationToken));
        }

        var rules = options.Smoke ? [.. common.Thresholds, .. SmokeThresholds()] : common.Thresholds;
        var report = new RunReport(
            options.Smoke ? "ConcurrencyService comparison suite (smoke)" : "ConcurrencyService comparison suite",
            common.CommandLine,
            started,
            clock.Elapsed.TotalSeconds,
            EnvironmentInfo.Current(common.DescribeTargets()),
            steps,
            ThresholdChecker.Check(rules, steps),
            Headline.Build(steps, Environment.ProcessorCount));
        await ReportPublisher.PublishAsync(console, report, common.OutputFolder, cancellationToken);
        return report.ThresholdsPassed ? ExitCodes.Ok : ExitCodes.ThresholdsBroken;
    }

    /// <summary>The four job scenarios at one worker count (and the raw HTTP baseline once, in the first step).</summary>
    public static IReadOnlyList<PlannedScenario> Plan(CompareOptions options, int workers, bool withBaseline)
    {
        ArgumentNullException.ThrowIfNull(options);
        var common = options.Common;
        var io = common.Profile(Closed(options, options.IoUsers));
        var cpu = common.Profile(Closed(options, Math.Max(2, workers * options.CpuUsersPerWorker)));
        List<PlannedScenario> plan =
        [
            new(ScenarioCatalog.IoThreads, common.Workloads, io),
            new(ScenarioCatalog.IoProcesses, common.Workloads, io),
            new(ScenarioCatalog.CpuThreads, common.Workloads, cpu),
            new(ScenarioCatalog.CpuProcesses, common.Workloads, cpu),
        ];
        if (withBaseline)
        {
            plan.Add(new(ScenarioCatalog.HttpBaseline, common.Workloads, common.Profile(Closed(options, BaselineUsers))));
        }

        return plan;
    }

    /// <summary>Loose on purpose: the smoke run proves the suite works end to end, not how fast this machine is.</summary>
    public static IReadOnlyList<ThresholdRule> SmokeThresholds() =>
    [
        ThresholdParser.Parse("*: fail-rate <= 0%", ScenarioCatalog.All),
        ThresholdParser.Parse("*: p99 < 30s", ScenarioCatalog.All),
    ];

    private static ClosedModel Closed(CompareOptions options, int users) => options.Smoke
        ? new(users, options.Duration, TimeSpan.Zero) { MinIterations = SmokeMinIterations, MaxDuration = SmokeMaxDuration }
        : new(users, options.Duration, TimeSpan.Zero);

    private static string StepName(int workers) => workers == 1 ? "1 worker" : $"{workers} workers";
}
