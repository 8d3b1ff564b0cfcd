using System.Globalization;
using ConcurrencyService.Experiments.Presets;

namespace ConcurrencyService.Experiments.Claims;

/// <summary>
/// The tutorials' programs at the sizes of a claims run, run one after another once the .NET presets have finished
/// (so neither side takes the other's cores), each with a time limit.
/// </summary>
public sealed class CPythonPrograms(PresetSize size)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public async Task<CPythonEvidence> RunAsync(CancellationToken cancellationToken)
    {
        var small = size == PresetSize.Small;
        var startCost = await CPython.RunAsync("tutorial1_start_cost.py", [small ? "5" : "100", "10000", "spawn"], Limit, cancellationToken);
        if (startCost.Problem == CPython.NotFound)
        {
            return new CPythonEvidence(CPython.NotFound, null, null, null);
        }

        var primes = await CPython.RunAsync("tutorial3_primes.py", [small ? "100000" : "1000000", "2"], Limit, cancellationToken);
        var sleeps = await CPython.RunAsync(
            "tutorial4_sleeps.py", ["10", (small ? 0.02 : 0.5).ToString(CultureInfo.InvariantCulture), "2"], Limit, cancellationToken);
        return new CPythonEvidence(null, startCost, primes, sleeps);
    }
}
