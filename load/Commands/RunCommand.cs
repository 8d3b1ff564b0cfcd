using System.Diagnostics;
using ConcurrencyService.Load.Reports;
using ConcurrencyService.Load.Running;
using ConcurrencyService.Load.Thresholds;
using Spectre.Console;

namespace ConcurrencyService.Load.Commands;

/// <summary>One step: the chosen scenarios under one load model against one server.</summary>
public static class RunCommand
{
    public static async Task<int> ExecuteAsync(RunOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var common = options.Common;
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        StepResult step;
        await using (var session = await ServiceSession.OpenAsync(common.Targets, options.Server, cancellationToken))
        {
            var plan = options.Scenarios.Select(name => new PlannedScenario(name, common.Workloads, common.Profile(options.Model))).ToList();
            step = await new StepRunner(console).RunAsync("run", session, plan, cancellationToken);
        }

        var report = new RunReport(
            "ConcurrencyService load test",
            common.CommandLine,
            started,
            clock.Elapsed.TotalSeconds,
            EnvironmentInfo.Current(common.DescribeTargets()),
            [step],
            ThresholdChecker.Check(common.Thresholds, [step]),
            []);
        await ReportPublisher.PublishAsync(console, report, common.OutputFolder, cancellationToken);
        return report.ThresholdsPassed ? ExitCodes.Ok : ExitCodes.ThresholdsBroken;
    }
}
