using System.ComponentModel;
using ConcurrencyService.Api.OpenApi;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Claims;
using ConcurrencyService.Experiments.Presets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Experiments;

/// <summary>
/// <c>/api/experiments/claims</c>: run every preset and get the tutorials' claims back as a table — the evidence in .NET,
/// with and without the emulated GIL, and a verdict for each — as JSON or Markdown.
/// </summary>
public static class ClaimsApi
{
    public static RouteGroupBuilder MapClaimsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/experiments/claims").WithTag("Experiments", "Experiments: a workload run over executors and worker counts, the tutorials' presets, speedup charts and the claims report.");

        group.MapPost("/", RunClaimsReport)
            .WithName("RunClaimsReport")
            .WithSummary("Test the tutorials' claims")
            .WithDescription("Queues every preset (see ListExperimentPresets) as experiments, and answers 202 with the claims run's id and links; `Location` points at the " +
                "claims table, which fills in as the presets finish. `size=default` runs the tutorials' sizes (about a minute on two cores); `size=small` takes seconds. " +
                "A queue without room for every preset answers 429 with `Retry-After`.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/{id}", GetClaimsReport)
            .WithName("GetClaimsReport")
            .WithSummary("Get the claims table")
            .WithDescription("Each tutorial claim, the evidence measured in .NET with and without the emulated GIL, CPython's figures, and a verdict: holds, holds only under a GIL, " +
                "does not hold (or pending, or inconclusive with the reason). With `waitMs`, waits up to that long for every preset to finish.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/report.md", GetClaimsReportMarkdown)
            .WithName("GetClaimsReportMarkdown")
            .WithSummary("Get the claims table as Markdown")
            .WithDescription("The same table as Markdown, with the machine it was measured on and how each verdict is decided.")
            .Produces<Stream>(StatusCodes.Status200OK, "text/markdown") // a file to the generated client, not JSON
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}", CancelClaimsReport)
            .WithName("CancelClaimsReport")
            .WithSummary("Cancel a claims run")
            .WithDescription("Cancels every preset of the run that has not finished, and answers with the table as it stands.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static async Task<Results<Accepted<ClaimsAccepted>, ValidationProblem, ProblemHttpResult>> RunClaimsReport(
        HttpContext http,
        ExperimentSubmitter submitter,
        RetainingStore<ClaimsRun> store,
        IHostApplicationLifetime lifetime,
        [FromQuery, Description("default (the tutorials' sizes) or small (seconds)")] string? size = null)
    {
        if (ExperimentsApi.ParseSize(size) is not { } parsed)
        {
            return ExperimentsApi.SizeProblem(size);
        }

        if (await submitter.SubmitAsync([.. ExperimentPresets.All.Select(p => p.PlanFor(parsed))], http.RequestAborted) is not { } experiments)
        {
            return ExperimentsApi.Full(http, ExperimentPresets.All.Count);
        }

        var run = new ClaimsRun(Guid.CreateVersion7(), parsed, experiments[0].SubmittedAt, experiments, new CPythonPrograms(parsed), lifetime.ApplicationStopping);
        store.Add(run);
        var view = run.ToView();
        return TypedResults.Accepted(view.Links.Self, new ClaimsAccepted(run.Id, view.Status, run.SubmittedAt, view.Experiments, view.Links));
    }

    private static async Task<Results<Ok<ClaimsReportView>, ValidationProblem, ProblemHttpResult>> GetClaimsReport(
        [DocumentedAs(typeof(Guid))] string id, int? waitMs, RetainingStore<ClaimsRun> store, IOptions<JobsOptions> jobs, CancellationToken cancellationToken)
    {
        var found = Lookup.Find(store, id, "claims run", waitMs, jobs.Value.MaxWaitMs);
        if (found.Item is not { } run)
        {
            return found.Invalid is { } invalid ? invalid : found.Missing!;
        }

        if (waitMs is > 0)
        {
            await ExperimentsApi.WaitAsync(run.Finished, TimeSpan.FromMilliseconds(waitMs.Value), cancellationToken);
        }

        return TypedResults.Ok(run.ToView());
    }

    private static Results<ContentHttpResult, ValidationProblem, ProblemHttpResult> GetClaimsReportMarkdown([DocumentedAs(typeof(Guid))] string id, RetainingStore<ClaimsRun> store)
    {
        var found = Lookup.Find(store, id, "claims run");
        if (found.Item is not { } run)
        {
            return found.Invalid is { } invalid ? invalid : found.Missing!;
        }

        return TypedResults.Text(ClaimsMarkdown.Render(run.ToView()), "text/markdown; charset=utf-8");
    }

    private static Results<Ok<ClaimsReportView>, ValidationProblem, ProblemHttpResult> CancelClaimsReport([DocumentedAs(typeof(Guid))] string id, RetainingStore<ClaimsRun> store)
    {
        var found = Lookup.Find(store, id, "claims run");
        if (found.Item is not { } run)
        {
            return found.Invalid is { } invalid ? invalid : found.Missing!;
        }

        run.Cancel();
        return TypedResults.Ok(run.ToView());
    }
}
