using ConcurrencyService.Api.Hosting;
using ConcurrencyService.Experiments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConcurrencyService.Api.Experiments;

/// <summary>
/// An item found by the <c>{id}</c> of a route, or the problem to answer with: a 400 for a bad id or wait, a 404 when there
/// is none here. <see cref="Id"/> is the parsed id whenever it was valid.
/// </summary>
public readonly record struct Lookup<T>(T? Item, ValidationProblem? Invalid, ProblemHttpResult? Missing, Guid Id = default)
    where T : class, IRetained;

public static class Lookup
{
    /// <param name="what">What the store holds, e.g. "experiment".</param>
    public static Lookup<T> Find<T>(RetainingStore<T> store, string id, string what, int? waitMs = null, int maxWaitMs = 0)
        where T : class, IRetained
    {
        ArgumentNullException.ThrowIfNull(store);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsed = RouteValues.ParseId(id, Nouns.WithArticle(what), errors);
        RouteValues.CheckWaitMs(waitMs, maxWaitMs, errors);
        if (errors.Count > 0)
        {
            return new(null, TypedResults.ValidationProblem(errors), null);
        }

        return store.Find(parsed) is { } item
            ? new(item, null, null, parsed)
            : new(null, null, TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: $"No such {what}.",
                detail: $"There is no {what} {parsed}. Finished ones are removed after the retention period."), parsed);
    }
}
