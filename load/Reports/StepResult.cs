using ConcurrencyService.Load.Driver;

namespace ConcurrencyService.Load.Reports;

/// <summary>One server configuration and the scenarios measured on it, one after another.</summary>
/// <param name="Executors">The executors as the server described them: worker counts as configured, not as asked.</param>
public sealed record StepResult(string Name, IReadOnlyList<ExecutorWorkers> Executors, IReadOnlyList<ScenarioResult> Scenarios)
{
    public int? WorkersOf(string executor) => Executors.FirstOrDefault(e => e.Name == executor)?.Workers;

    public string DescribeWorkers() => Describe(Executors);

    /// <summary>E.g. <c>threads 2, processes 2</c>.</summary>
    public static string Describe(IEnumerable<ExecutorWorkers> executors) =>
        string.Join(", ", executors.Select(e => $"{e.Name} {(e.Available ? e.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture) : "off")}"));
}
