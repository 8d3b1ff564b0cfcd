using ConcurrencyService.Load.Reports;
using ConcurrencyService.Load.Scenarios;
using Spectre.Console;

namespace ConcurrencyService.Load.Running;

/// <summary>Runs a step's scenarios one after another against one server, showing progress as they go.</summary>
public sealed class StepRunner(IAnsiConsole console)
{
    public async Task<StepResult> RunAsync(string step, ServiceSession session, IReadOnlyList<PlannedScenario> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(plan);
        var where = session.Embedded is null ? (session.Nodes.All.Count == 1 ? "target" : $"{session.Nodes.All.Count} targets, round-robin") : "embedded";
        console.MarkupLineInterpolated($"[bold]{step}[/] on {session.Describe()} ({where}): workers {StepResult.Describe(session.Executors)}");
        var results = new List<ScenarioResult>();
        var cpu = new CpuMonitor(session.Embedded?.ProcessId);
        foreach (var planned in plan)
        {
            var scenario = ScenarioCatalog.Create(planned.Name, planned.Workloads, session.Nodes);
            var run = new ScenarioRun(scenario, planned.Profile);
            var before = cpu.Take();
            var statistics = await ConsoleProgress.TrackAsync(console, $"{step} · {planned.Name}", run, run.RunAsync(cancellationToken));
            results.Add(new ScenarioResult(scenario.Settings, planned.Profile.Describe(), statistics, cpu.Between(before, cpu.Take())));
        }

        return new StepResult(step, session.Executors, results);
    }
}
