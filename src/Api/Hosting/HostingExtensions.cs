using System.Text.Json;
using System.Text.Json.Serialization;
using ConcurrencyService.Api.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Hosting;

public static class HostingExtensions
{
    /// <summary>ProblemDetails for every error, including binding failures and unmatched routes.</summary>
    public static IServiceCollection AddProblemHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = FillInFrameworkProblems);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A storage that is down is a 503 with Retry-After: nothing was done, and the request may be sent again.
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// The service's URL, header and body limits (<see cref="RequestLimitsOptions"/>), answered with a ProblemDetails; Kestrel's
    /// own limits sit <see cref="RequestLimitsOptions.HardLimitFactor"/> times higher as the last stop.
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestLimitsOptions>().Bind(configuration.GetSection(RequestLimitsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            // The request line is "METHOD target HTTP/1.1": room for the longest method and the version on top of the target.
            kestrel.Limits.MaxRequestLineSize = (limits.Value.MaxUrlBytes * RequestLimitsOptions.HardLimitFactor) + 64;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxHeaderBytes * RequestLimitsOptions.HardLimitFactor;
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes;
        });
        return services;
    }

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.UseMiddleware<RequestLimitsMiddleware>();
        return app;
    }

    // Problems raised by routing itself (no endpoint, wrong method, wrong content type) carry no detail; say what went wrong.
    // Every problem gets a type: the framework fills in some statuses only (not 413, 414, 429 or 431).
    private static void FillInFrameworkProblems(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Type ??= problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            StatusCodes.Status414UriTooLong => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
            StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
            StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
            StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://tools.ietf.org/html/rfc6585#section-5",
            _ => null,
        };
        if (problem.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"There is no endpoint at '{request.Path}'. The API is described at /swagger.",
            StatusCodes.Status405MethodNotAllowed => $"'{request.Path}' does not accept {request.Method}. The API is described at /swagger.",
            StatusCodes.Status415UnsupportedMediaType => $"Send Content-Type: application/json; got '{request.ContentType ?? "(none)"}'.",
            _ => null,
        };
    }

    /// <summary>camelCase JSON with enums as camelCase strings, for the API and for its OpenAPI schema.</summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the checks tagged <c>ready</c> pass (the storage
    /// answers, the worker host runs), each reported by name as JSON.
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync }).WithTags("Health");
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
