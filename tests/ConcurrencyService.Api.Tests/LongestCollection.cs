namespace ConcurrencyService.Api.Tests;

/// <summary>The tests <see cref="LongestFirst"/> starts before the rest.</summary>
[CollectionDefinition(LongestFirst.Collection)]
public sealed class LongestCollection;
