using ConcurrencyService.Api.Experiments;
using ConcurrencyService.Api.Idempotency;
using ConcurrencyService.Api.OpenApi;
using ConcurrencyService.Api.Submissions;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Advice;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Advice;

/// <summary>
/// <c>/api/advice</c>: threads or processes for this workload? A calibration on this machine within a time budget, queued and
/// run like an experiment (one at a time, on workers of its own), answered with a recommendation for .NET and for a runtime
/// with a GIL, each with its reasons, the speedup curve with 95% intervals, the costs, and what it doubts.
/// </summary>
public static class AdviceApi
{
    public static RouteGroupBuilder MapAdviceApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/advice").WithTag("Advice", "The advisor: threads or processes for a workload, calibrated on this machine, with 95% intervals and what the numbers cannot tell.");

        group.MapPost("/", SubmitAdvice)
            .WithName("SubmitAdvice")
            .WithSummary("Ask whether to run a workload on threads or processes")
            .WithDescription("Queues a calibration of the workload on this machine: a probe, then the sequential baseline and threads, threads+gil and processes " +
                "at 1 to the cores' worker counts (twice the cores too for work that waits), repeated within `budgetSeconds` (5 to 300, default 30). " +
                "Answers 202 with the advice's id and links; `Location` points at it. It runs on the experiments' queue, one at a time; a full queue answers 429 with `Retry-After`.")
            .Accepts<SubmitAdviceRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AcceptsIdempotencyKey();

        group.MapGet("/{id}", GetAdvice)
            .WithName("GetAdvice")
            .WithSummary("Get an advice")
            .WithDescription("The recommendation for .NET and for a GIL runtime with their reasons, the workload's profile, the speedup curve with 95% intervals, " +
                "the costs, notes and doubts, and the measuring conditions; `advice` is null until the calibration has finished. With `waitMs`, waits up to that long for it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/report.md", GetAdviceReport)
            .WithName("GetAdviceReport")
            .WithSummary("Get an advice as Markdown")
            .WithDescription("The answer first, then the profile, the curve with its intervals, the costs, the notes, what it cannot tell, and the machine. With `waitMs`, waits up to that long for the calibration to finish.")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    internal static Task<Results<Accepted<AdviceAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAdvice(
        HttpContext http, AdviceRequestValidator validator, ExperimentSubmitter submitter, IdempotentSubmissions idempotency, IOptions<JobsOptions> jobs, IOptions<ExperimentsOptions> experiments) =>
        new Submission<AdvicePlan, AdviceAccepted>("advice", "advice", jobs.Value.MaxRequestBytes, validator.Validate).HandleAsync(http, idempotency, async (plan, cancellationToken) =>
            await submitter.SubmitAsync([plan], cancellationToken) is { } accepted
                ? SubmitOutcome.Accept(Accepted(accepted[0]), experiments.Value.RetainFinishedFor + experiments.Value.MaxRunTime)
                : SubmitOutcome.Refuse<AdviceAccepted>(ExperimentsApi.Full(http)));

    internal static async Task<Results<Ok<AdviceView>, ValidationProblem, ProblemHttpResult>> GetAdvice(
        [DocumentedAs(typeof(Guid))] string id, int? waitMs, RetainingStore<Experiment> store, IExperimentDirectory directory, IOptions<JobsOptions> jobs, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, waitMs, jobs.Value.MaxWaitMs, store, directory, cancellationToken);
        return found.View is { } view ? TypedResults.Ok(view) : found.Invalid is { } invalid ? invalid : found.Missing!;
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetAdviceReport(
        [DocumentedAs(typeof(Guid))] string id, int? waitMs, RetainingStore<Experiment> store, IExperimentDirectory directory, IOptions<JobsOptions> jobs, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, waitMs, jobs.Value.MaxWaitMs, store, directory, cancellationToken);
        return found.View is { } view
            ? TypedResults.Text(AdviceMarkdown.Render(view), "text/markdown; charset=utf-8")
            : found.Invalid is { } invalid ? invalid : found.Missing!;
    }

    /// <summary>The advice run with this id, here or (as it last wrote it) on another node, or the problem to answer with.</summary>
    private static async Task<(AdviceView? View, ValidationProblem? Invalid, ProblemHttpResult? Missing)> FindAsync(
        string id, int? waitMs, int maxWaitMs, RetainingStore<Experiment> store, IExperimentDirectory directory, CancellationToken cancellationToken)
    {
        var found = Lookup.Find(store, id, "advice", waitMs, maxWaitMs);
        if (found.Invalid is { } invalid)
        {
            return (null, invalid, null);
        }

        ExperimentView? view = null;
        if (found.Item is { Plan: AdvicePlan } experiment)
        {
            if (waitMs is > 0)
            {
                await ExperimentsApi.WaitAsync(experiment.Finished, TimeSpan.FromMilliseconds(waitMs.Value), cancellationToken);
            }

            view = experiment.ToView();
        }
        else if (found.Item is null)
        {
            view = (await ExperimentsApi.FindElsewhereAsync(directory, found.Id, TimeSpan.FromMilliseconds(waitMs ?? 0), cancellationToken))?.View;
        }

        return view is not null && AdviceView.From(view) is { } advice
            ? (advice, null, null)
            : (null, null, TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such advice.",
                detail: $"There is no advice {found.Id}. Finished ones are removed after the retention period; experiments are at /api/experiments/{{id}}."));
    }

    private static Accepted<AdviceAccepted> Accepted(Experiment experiment)
    {
        var links = AdviceLinks.For(experiment.Id);
        return TypedResults.Accepted(links.Self, new AdviceAccepted(experiment.Id, experiment.Status, experiment.SubmittedAt, links));
    }
}
