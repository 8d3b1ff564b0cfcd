using Microsoft.AspNetCore.Diagnostics;

namespace ConcurrencyService.Api.Hosting;

/// <summary>
/// Parameter binding failures (<c>?waitMs=abc</c>) surface as <see cref="BadHttpRequestException"/> because
/// <c>ThrowOnBadRequest</c> is on; this turns them into a 400 ProblemDetails whose detail names the parameter,
/// instead of an empty 400.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request is not valid.",
                Detail = bad.Message,
            },
        });
    }
}
