using System.Text.Json.Nodes;
using ConcurrencyService.Api.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConcurrencyService.Api.Submissions;

/// <summary>
/// The one way a resource is submitted (jobs, experiments): read the JSON body within its limit, claim the
/// <c>Idempotency-Key</c>, validate field by field, then submit — or answer the earlier answer, a 400 naming each bad field,
/// a 413/415, or the submitter's refusal (a full queue's 429). Every message names what was submitted.
/// </summary>
/// <typeparam name="TRequest">The validated request, e.g. a job ready to queue.</typeparam>
/// <typeparam name="TAccepted">The body of the 202 answer.</typeparam>
public sealed class Submission<TRequest, TAccepted>(
    string noun,
    string scope,
    int maxBytes,
    Func<JsonNode?, Dictionary<string, string[]>, TRequest?> validate)
    where TRequest : class
{
    /// <param name="submit">Submits a valid request: its 202 and how long to keep that answer for repeats, or its refusal.</param>
    public async Task<Results<Accepted<TAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpContext http,
        IdempotentSubmissions idempotency,
        Func<TRequest, CancellationToken, Task<SubmitOutcome<TAccepted>>> submit)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(idempotency);
        ArgumentNullException.ThrowIfNull(submit);
        var body = await RequestBody.ReadJsonAsync(http.Request, noun, maxBytes, http.RequestAborted);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        using var claim = await idempotency.ClaimAsync<Accepted<TAccepted>>(http, scope, body.Json);
        if (claim.Earlier is { } earlier)
        {
            return earlier;
        }

        if (claim.Problem is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (validate(body.Json, errors) is not { } request)
        {
            return TypedResults.ValidationProblem(errors, title: $"The {noun} request is not valid.");
        }

        var outcome = await submit(request, http.RequestAborted);
        if (outcome.Accepted is { } accepted)
        {
            claim.Complete(accepted, outcome.KeepAnswerFor);
            return accepted;
        }

        return outcome.Refused ?? throw new InvalidOperationException($"The {noun} submitter neither accepted nor refused the request.");
    }
}
