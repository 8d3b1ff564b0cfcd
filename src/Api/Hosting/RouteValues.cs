namespace ConcurrencyService.Api.Hosting;

/// <summary>Checks of the values routes and query strings share: resource ids and long-poll waits.</summary>
public static class RouteValues
{
    /// <summary>The id, or <see cref="Guid.Empty"/> with an error keyed <c>id</c>. <paramref name="what"/> is e.g. "a job".</summary>
    public static Guid ParseId(string id, string what, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Guid.TryParse(id, out var parsed))
        {
            return parsed;
        }

        errors["id"] = [$"'{id}' is not {what} id: ids are GUIDs such as 0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90."];
        return Guid.Empty;
    }

    public static void CheckWaitMs(int? waitMs, int maxWaitMs, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (waitMs is < 0 || waitMs > maxWaitMs)
        {
            errors["waitMs"] = [$"'waitMs' must be from 0 to {maxWaitMs}; got {waitMs}."];
        }
    }
}
