using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Experiments.Claims;

/// <summary>Claims runs in memory, let go on the same terms as experiments.</summary>
public sealed class ClaimsRunStore(IOptions<ExperimentsOptions> options)
{
    private readonly ConcurrentDictionary<Guid, ClaimsRun> _runs = new();

    public void Add(ClaimsRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var expired in Retention.Expired(_runs.Values, r => r.FinishedAt, options.Value))
        {
            _runs.TryRemove(expired.Id, out _);
        }

        _runs[run.Id] = run;
    }

    public ClaimsRun? Find(Guid id) => _runs.GetValueOrDefault(id);
}
