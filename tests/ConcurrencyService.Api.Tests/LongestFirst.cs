using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("ConcurrencyService.Api.Tests.LongestFirst", "ConcurrencyService.Api.Tests")]

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// Starts the collection that takes longest — the Dockerfile test's Release publish, minutes of child processes — before
/// the others, in xUnit's own order otherwise. Started late, it ran on alone for minutes after every other test had
/// finished; started first, the rest of the assembly runs beside it.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public const string Collection = "Longest, started first";

    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        _default.OrderTestCollections(testCollections).OrderBy(c => c.DisplayName == Collection ? 0 : 1);
}
