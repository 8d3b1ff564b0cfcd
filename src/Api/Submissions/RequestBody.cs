using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConcurrencyService.Api.Submissions;

/// <summary>Reads a JSON request body with a size limit, turning each way it can be wrong into a ProblemDetails.</summary>
public static class RequestBody
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    /// <param name="what">What the body asks for, as a message names it: "job", "experiment".</param>
    public static async Task<(JsonNode? Json, ProblemHttpResult? Problem)> ReadJsonAsync(HttpRequest request, string what, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be JSON.",
                detail: $"Send Content-Type: application/json; got '{request.ContentType ?? "(none)"}'."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(what, maxBytes));
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes, 4096));
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return (null, TooLarge(what, maxBytes));
            }
        }

        if (buffer.WrittenCount == 0)
        {
            return (null, Invalid("The body is not valid JSON.", "$", "The body is empty; a JSON object is required."));
        }

        if (JsonText.FindUnreadable(buffer.WrittenSpan, Strict.MaxDepth) is { } unreadable)
        {
            return (null, Invalid("The body holds text that is not valid UTF-8.", unreadable.Field, unreadable.Message));
        }

        try
        {
            return (JsonNode.Parse(buffer.WrittenSpan, documentOptions: Strict), null);
        }
        catch (JsonException ex)
        {
            return (null, Invalid("The body is not valid JSON.", "$", $"The body is not valid JSON: {ex.Message}"));
        }
    }

    // A 400 whose errors name the field ($ for the body as a whole), like the validators' own.
    private static ProblemHttpResult Invalid(string title, string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = message,
        });

    private static ProblemHttpResult TooLarge(string what, int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The body is too large.",
        detail: $"{Nouns.WithArticle(what, capital: true)} request may be at most {maxBytes} bytes.");
}
