using ConcurrencyService.Api.Advice;
using ConcurrencyService.Api.Workloads;
using ConcurrencyService.Api.Experiments;
using System.ComponentModel;
using ConcurrencyService.Experiments;
using ConcurrencyService.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConcurrencyService.Api.Dashboard;

/// <summary>
/// <c>/dashboard</c>: a live page of both executors' workers, the latest jobs and the experiments, with its own small
/// JSON under <c>/dashboard/api</c> (so it works when <c>/api</c> needs a key the browser cannot send). Same rule as
/// <c>/hangfire</c>: local clients, or remote ones with an API key. Not part of the API contract (no OpenAPI).
/// </summary>
public static class DashboardApi
{
    public const string Path = "/dashboard";

    /// <summary>Sent by the page's own script on every POST: a cross-site form cannot set it, and a cross-site script cannot without CORS.</summary>
    public const string RequestHeader = "X-Dashboard";

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
    };

    public static string ChartPath(Guid id) => $"{Path}/api/experiments/{id}/chart.svg";

    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Path).ExcludeFromDescription().RequireLocalOrApiKey();
        group.MapGet("/", Page);
        group.MapGet("/assets/{file}", Asset);
        group.MapGet("/api/state", GetState);
        // The JSON API's own handlers, under the dashboard's access rule: one implementation of each.
        group.MapPost("/api/presets/{name}", ExperimentsApi.RunExperimentPreset).AddEndpointFilter(RequireDashboardHeader);
        group.MapGet("/api/experiments/{id}/chart.svg", ExperimentsApi.GetExperimentChart);
        group.MapGet("/api/workloads", WorkloadsApi.ListWorkloads);
        group.MapPost("/api/advice", AdviceApi.SubmitAdvice).AddEndpointFilter(RequireDashboardHeader);
        group.MapGet("/api/advice/{id}", AdviceApi.GetAdvice);
        return group;
    }

    private static PhysicalFileHttpResult Page(HttpContext http) => File(http, "index.html", "text/html; charset=utf-8");

    private static Results<PhysicalFileHttpResult, NotFound> Asset(HttpContext http, string file) =>
        Assets.TryGetValue(file, out var contentType) ? File(http, file, contentType) : TypedResults.NotFound();

    private static async Task<Results<Ok<DashboardState>, ValidationProblem>> GetState(
        DashboardStateReader reader, CancellationToken cancellationToken, [FromQuery, Description("How many of the latest jobs.")] int jobs = 20)
    {
        if (jobs is < 1 or > DashboardStateReader.MaxJobs)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["jobs"] = [$"'jobs' must be from 1 to {DashboardStateReader.MaxJobs}; got {jobs}."] });
        }

        return TypedResults.Ok(await reader.ReadAsync(jobs, cancellationToken));
    }

    private static async ValueTask<object?> RequireDashboardHeader(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.Headers.ContainsKey(RequestHeader))
        {
            return await next(context);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"The {RequestHeader} header is missing.",
            detail: $"The dashboard's own page sends '{RequestHeader}: 1'; from a script, use the JSON API: POST /api/experiments/presets/{{name}}, POST /api/advice.");
    }

    // The page and its assets ship in the build output (dashboard/), not a CDN: the page works offline.
    private static PhysicalFileHttpResult File(HttpContext http, string name, string contentType)
    {
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.PhysicalFile(System.IO.Path.Combine(AppContext.BaseDirectory, "dashboard", name), contentType);
    }
}
