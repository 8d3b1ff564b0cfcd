using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ConcurrencyService.Client;

/// <summary>
/// An error answer from the service. The service answers every error with a ProblemDetails body (RFC 9457); it is
/// in <see cref="Problem"/>, with a validation failure's field errors in <see cref="Errors"/>.
/// </summary>
public partial class ConcurrencyServiceException
{
    private ProblemDetails? _problem;
    private bool _problemRead;

    /// <summary>The ProblemDetails the service answered with (status, title, detail), or null if the body was not one.</summary>
    public ProblemDetails? Problem
    {
        get
        {
            if (!_problemRead)
            {
                _problem = TypedProblem ?? Parse(Response);
                _problemRead = true;
            }

            return _problem;
        }
    }

    /// <summary>A validation failure's errors by field (e.g. <c>parameters.below</c>); empty for other errors.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors =>
        (Problem as HttpValidationProblemDetails)?.Errors?.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value])
        ?? new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>How long the service asked the caller to wait before retrying (429, 503), if it said.</summary>
    public TimeSpan? RetryAfter =>
        Headers.TryGetValue("Retry-After", out var values) && RetryConditionHeaderValue.TryParse(values.FirstOrDefault(), out var header)
            ? RetryHandler.Wait(header)
            : null;

    /// <summary>The status, the problem's title and detail, and each field error; or the generated message if the body was not a ProblemDetails.</summary>
    public override string Message
    {
        get
        {
            if (Problem is not { } problem)
            {
                return base.Message;
            }

            var message = new StringBuilder().Append(StatusCode).Append(' ').Append(problem.Title ?? "Error");
            if (problem.Detail is { } detail)
            {
                message.Append(": ").Append(detail);
            }

            foreach (var (name, errors) in Errors)
            {
                message.AppendLine().Append("  ").Append(name).Append(": ").Append(string.Join(" ", errors));
            }

            return message.ToString();
        }
    }

    /// <summary>The body when the generated code already read it as a ProblemDetails.</summary>
    private protected virtual ProblemDetails? TypedProblem => null;

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

/// <summary>An error answer whose body the generated code read as <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The documented error body, a <see cref="ProblemDetails"/> for this service.</typeparam>
public partial class ConcurrencyServiceException<TResult>
{
    /// <inheritdoc/>
    private protected override ProblemDetails? TypedProblem => Result as ProblemDetails;
}
