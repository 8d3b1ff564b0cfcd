using System.Diagnostics;
using ConcurrencyService.Load.Driver;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Scenarios;

/// <summary>
/// An iteration is one <c>GET /health/live</c> on raw <see cref="HttpClient"/>: the HTTP ceiling of the same server on
/// the same machine, for comparing the job scenarios against.
/// </summary>
public sealed class HttpBaselineScenario(ServiceNodes nodes) : IScenario
{
    public ScenarioSettings Settings { get; } = new(ScenarioCatalog.HttpBaseline, "GET /health/live (raw HTTP, no job)", null, null, new Dictionary<string, object>(), 0);

    public async Task<IterationResult> RunAsync(long startTimestamp, CancellationToken cancellationToken)
    {
        var node = nodes.Next();
        using var response = await node.Http.GetAsync(new Uri("/health/live", UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        var code = (int)response.StatusCode;
        return new IterationResult(null, elapsed, code, response.IsSuccessStatusCode ? null : $"GET /health/live {code}", 1) { Node = node.Name };
    }
}
