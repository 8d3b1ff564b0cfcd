using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Hosting;

/// <summary>Answers a URL or headers over <see cref="RequestLimitsOptions"/> with 414 or 431 and a ProblemDetails naming the limit.</summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limits = options.Value;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{context.Request.Path}{context.Request.QueryString}";
        var urlBytes = System.Text.Encoding.UTF8.GetByteCount(target);
        if (urlBytes > limits.MaxUrlBytes)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status414UriTooLong, "The URL is too long.",
                $"The request target is {urlBytes} bytes; the limit is {limits.MaxUrlBytes} ({RequestLimitsOptions.Section}:MaxUrlBytes).");
            return;
        }

        var headerBytes = HeaderBytes(context.Request.Headers);
        if (headerBytes > limits.MaxHeaderBytes)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                $"The headers are {headerBytes} bytes; the limit is {limits.MaxHeaderBytes} ({RequestLimitsOptions.Section}:MaxHeaderBytes).");
            return;
        }

        await next(context);
    }

    // As on the wire: "name: value\r\n" per value.
    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                total += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return total;
    }
}
