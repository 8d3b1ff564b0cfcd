using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Refit;

namespace ConcurrencyService.Client;

/// <summary>
/// An error answer from the service, the one exception type the client raises for one. The service answers every
/// error with a ProblemDetails body (RFC 9457): it is in <see cref="Problem"/>, a validation failure's field errors
/// in <see cref="Errors"/>, and how long a 429 or 503 asks to wait in <see cref="RetryAfter"/>. Methods that return
/// <see cref="IApiResponse{T}"/> carry it in <see cref="IApiResponse.Error"/> instead of throwing it.
/// </summary>
/// <remarks>
/// It is a Refit <see cref="ApiException"/> (with <see cref="ApiException.StatusCode"/>, <see cref="ApiException.Headers"/>
/// and <see cref="ApiException.Content"/>), made by the client's <see cref="RefitSettings.ExceptionFactory"/>. A request
/// that gets no answer at all (connection refused, reset) throws the <see cref="HttpRequestException"/> instead.
/// </remarks>
public sealed class ConcurrencyServiceException : ApiException
{
    private ConcurrencyServiceException(
        string message, HttpResponseMessage response, string? content, ProblemDetails? problem, RefitSettings settings)
        : base(message, response.RequestMessage!, response.RequestMessage!.Method, content, response.StatusCode, response.ReasonPhrase, response.Headers, settings)
    {
        Problem = problem;
        ContentHeaders = response.Content.Headers;
        Errors = (problem as HttpValidationProblemDetails)?.Errors?.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value])
            ?? new Dictionary<string, IReadOnlyList<string>>();
        RetryAfter = RetryAfterHeader.Wait(response.Headers.RetryAfter);
    }

    /// <summary>The ProblemDetails the service answered with (status, title, detail), or null if the body was not one.</summary>
    public ProblemDetails? Problem { get; }

    /// <summary>A validation failure's errors by field (e.g. <c>parameters.below</c>); empty for other errors.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>The HTTP status as a number, e.g. 429.</summary>
    public int Status => (int)StatusCode;

    /// <summary>How long the service asked the caller to wait before retrying (429, 503), if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Reads an error answer into the exception; null for a success. Plug into <see cref="RefitSettings.ExceptionFactory"/>.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="settings">The client's Refit settings.</param>
    /// <returns>The exception, or null when the answer is a success.</returns>
    public static async ValueTask<Exception?> CreateAsync(HttpResponseMessage response, RefitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var content = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var problem = Parse(content);
        return new ConcurrencyServiceException(Describe(response, problem), response, content, problem, settings);
    }

    // "404 No such job.: No job has the id …", then each field error on a line of its own.
    private static string Describe(HttpResponseMessage response, ProblemDetails? problem)
    {
        var message = new StringBuilder().Append((int)response.StatusCode).Append(' ').Append(problem?.Title ?? response.ReasonPhrase ?? "Error");
        if (problem?.Detail is { } detail)
        {
            message.Append(": ").Append(detail);
        }

        foreach (var (name, errors) in (problem as HttpValidationProblemDetails)?.Errors ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            message.AppendLine().Append("  ").Append(name).Append(": ").Append(string.Join(" ", errors));
        }

        return message.ToString();
    }

    private static HttpValidationProblemDetails? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<HttpValidationProblemDetails>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
