using System.CommandLine;

namespace ConcurrencyService.Load.Cli;

/// <summary>
/// An option whose default is applied here, not by System.CommandLine, so help shows it as it is typed
/// (<c>20s</c>, <c>1,2,4</c>) instead of <c>[default: 00:00:20]</c>.
/// </summary>
public sealed record Defaulted<T>(Option<T> Option, T Default)
{
    public bool IsGiven(ParseResult result) => result?.GetResult(Option) is not null;

    public T ValueIn(ParseResult result) => IsGiven(result) ? result.GetValue(Option)! : Default;

    /// <summary>The given value, else <paramref name="fallback"/> instead of the usual default.</summary>
    public T GivenOr(ParseResult result, T fallback) => IsGiven(result) ? result.GetValue(Option)! : fallback;
}
