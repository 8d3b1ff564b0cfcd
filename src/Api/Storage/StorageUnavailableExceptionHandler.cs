using ConcurrencyService.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Storage;

/// <summary>
/// Redis unreachable (no connection, a timeout) turns into a 503 ProblemDetails with <c>Retry-After</c>, not a 500: the
/// request was not carried out, and may be sent again once the storage is back.
/// </summary>
public sealed class StorageUnavailableExceptionHandler(IProblemDetailsService problems, IOptions<StorageOptions> options, ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!StorageFaults.IsUnavailable(exception))
        {
            return false;
        }

        logger.LogWarning("Storage unavailable during {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                Title = "The storage is unavailable.",
                Detail = $"The job storage ({options.Value.Provider}) could not be reached, so nothing was done; try again in {options.Value.RetryAfterSeconds} s. ({exception.GetBaseException().Message})",
            },
        });
    }
}
