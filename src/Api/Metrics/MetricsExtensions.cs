using ConcurrencyService.Core.Telemetry;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Api.Security;
using OpenTelemetry.Metrics;

namespace ConcurrencyService.Api.Metrics;

public static class MetricsExtensions
{
    public const string Path = "/metrics";

    /// <summary>The service's meter (jobs, queues, workers) and OpenTelemetry with the ASP.NET Core and runtime instrumentation, exported for Prometheus.</summary>
    public static IServiceCollection AddServiceMetrics(this IServiceCollection services)
    {
        services.AddSingleton<ExecutorSamples>();
        services.AddSingleton<ExecutorMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServiceMeter.Name)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus text format, under the dashboards' rule (local, or an API key: a scraper sends it
    /// as a Bearer token). Each scrape first asks the executors for their workers, so the worker gauges are current.
    /// </summary>
    public static IEndpointConventionBuilder MapMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var samples = app.Services.GetRequiredService<ExecutorSamples>();
        var access = app.Services.GetRequiredService<LocalOrApiKey>();
        var validator = app.Services.GetRequiredService<ApiKeyValidator>();
        // Created now, not at the first job, so the gauges are there from the first scrape.
        _ = app.Services.GetRequiredService<JobMetrics>();
        _ = app.Services.GetRequiredService<ExecutorMetrics>();
        return app.MapPrometheusScrapingEndpoint(
            Path,
            meterProvider: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                if (!access.IsAllowed(context))
                {
                    await DenyAsync(context, validator.Enabled);
                    return;
                }

                await samples.RefreshAsync(context.RequestAborted);
                await next(context);
            }),
            optionsName: null);
    }

    private static async Task DenyAsync(HttpContext context, bool keysEnabled)
    {
        context.Response.StatusCode = keysEnabled ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = context.Response.StatusCode,
                Title = keysEnabled ? "An API key is required." : "Metrics are local-only.",
                Detail = keysEnabled
                    ? $"From another machine /metrics needs a key: send '{ApiKeyValidator.HeaderName}: <key>' or 'Authorization: Bearer <key>'."
                    : "Scrape from the server's own machine, or configure Auth:ApiKeys and send a key.",
            },
        });
    }
}
