namespace ConcurrencyService.Load.Scenarios;

/// <summary>
/// Any workload the server offers — a built-in or a plugin — with the parameters to submit it with, for the
/// <c>workload-threads</c> and <c>workload-processes</c> scenarios.
/// </summary>
/// <param name="Workload">Its catalog name, e.g. <c>samples.compress</c>.</param>
/// <param name="Parameters">Its parameters; the server fills in the defaults of those not given.</param>
public sealed record CustomJob(string Workload, IReadOnlyDictionary<string, object> Parameters);
