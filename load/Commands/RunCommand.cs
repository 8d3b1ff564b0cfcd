using System.Diagnostics;
using ConcurrencyService.Load.Reports;
using ConcurrencyService.Load.Running;
using ConcurrencyService.Load.Server;
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
            if (common.Workloads.Custom is { } job)
            {
                await EnsureOfferedAsync(session, job.Workload, cancellationToken);
            }

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

    /// <summary>A workload no node offers would fail every iteration with the same 400: say so once, before the run.</summary>
    private static async Task EnsureOfferedAsync(ServiceSession session, string workload, CancellationToken cancellationToken)
    {
        foreach (var node in session.Nodes.All)
        {
            var offered = await node.Driver.GetWorkloadNamesAsync(cancellationToken);
            if (!offered.Contains(workload))
            {
                throw new ServerStartException(
                    $"{node.Name} does not offer the workload '{workload}'; it offers {string.Join(", ", offered)}. " +
                    "A plugin's workload needs its build folder in the server's Workloads:Plugins (--plugin, for the server this runner starts).");
            }
        }
    }
}
