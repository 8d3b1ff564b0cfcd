using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Api.Hosting;
using ConcurrencyService.Api.Idempotency;
using ConcurrencyService.Api.OpenApi;
using ConcurrencyService.Api.Submissions;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Core.Queue;
using ConcurrencyService.Core.Requests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Jobs;

/// <summary><c>/api/jobs</c>: submit, read (with long-poll), list and cancel jobs.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/jobs").WithTag("Jobs", "Submit, read (with long-poll), list and cancel jobs.");

        group.MapPost("/", SubmitJob)
            .WithName("SubmitJob")
            .WithSummary("Submit a job")
            .WithDescription("Queues a workload as a job on an executor and answers 202 with the job's id and links; the `Location` header points at the job. " +
                "`tasks` splits the job into that many pieces run in parallel (like `Pool.map`); the combined result equals the single-task result. " +
                "A full queue answers 429 with `Retry-After`.")
            .Accepts<SubmitJobRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AcceptsIdempotencyKey();

        group.MapGet("/{id}", GetJob)
            .WithName("GetJob")
            .WithSummary("Get a job")
            .WithDescription("The job's status, result or error, timings and per-task runs. With `waitMs`, waits up to that long for the job to finish (long-poll) and answers as soon as it does.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        group.MapGet("/", ListJobs)
            .WithName("ListJobs")
            .WithSummary("List jobs")
            .WithDescription("Jobs newest first, filtered by status, workload and executor, a page at a time. Finished jobs are kept for a configured time and count.")
            .ProducesValidationProblem();

        group.MapDelete("/{id}", CancelJob)
            .WithName("CancelJob")
            .WithSummary("Cancel a job")
            .WithDescription("Cancels a queued job at once, or stops a running one and answers when it has stopped (200), or 202 if it is still stopping after a few seconds. " +
                "A task that ignores the cancellation does not hold the job: on threads its thread is abandoned and replaced, on processes its worker is killed. A finished job answers 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    private static Task<Results<Accepted<JobAccepted>, ValidationProblem, ProblemHttpResult>> SubmitJob(
        HttpContext http, JobRequestValidator validator, JobSubmitter submitter, IdempotentSubmissions idempotency, IOptions<JobsOptions> jobs, IOptions<QueueOptions> queue) =>
        new Submission<ValidatedJob, JobAccepted>("job", "jobs", jobs.Value.MaxRequestBytes, validator.Validate).HandleAsync(http, idempotency, async (request, cancellationToken) =>
        {
            if (await submitter.SubmitAsync(request, cancellationToken) is not { } job)
            {
                http.Response.Headers.RetryAfter = queue.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return SubmitOutcome.Refuse<JobAccepted>(TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "The queue is full.",
                    detail: $"The '{request.Executor.ToString().ToLowerInvariant()}' queue holds {queue.Value.Capacity} waiting jobs, its capacity. Retry after {queue.Value.RetryAfterSeconds} s."));
            }

            var links = JobView.JobLinksFor(job);
            return SubmitOutcome.Accept(
                TypedResults.Accepted(links.Self, new JobAccepted(job.Id, job.Status, job.SubmittedAt, links)),
                jobs.Value.RetainFinishedFor + TimeSpan.FromMilliseconds(request.TimeoutMs));
        });

    private static async Task<Results<Ok<JobView>, ValidationProblem, ProblemHttpResult>> GetJob(
        [DocumentedAs(typeof(Guid)), Description("The job's id.")] string id,
        [Description("Wait up to this many milliseconds for the job to finish (long-poll), at most Jobs:MaxWaitMs (60,000 by default); 0 or absent answers at once.")] int? waitMs,
        IJobStore store, IOptions<JobsOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var jobId = RouteValues.ParseId(id, "a job", errors);
        RouteValues.CheckWaitMs(waitMs, options.Value.MaxWaitMs, errors);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var job = await store.FindAsync(jobId, cancellationToken);
        if (job is null)
        {
            return await NotFoundOrGoneAsync(store, jobId, cancellationToken);
        }

        if (waitMs is > 0 && !job.Status.IsFinal())
        {
            job = await WaitForFinishAsync(store, job, TimeSpan.FromMilliseconds(waitMs.Value), cancellationToken);
        }

        return TypedResults.Ok(JobView.From(job));
    }

    private static async Task<Results<Ok<JobPage>, ValidationProblem>> ListJobs(
        IJobStore store,
        CancellationToken cancellationToken,
        [FromQuery, DocumentedAs(typeof(JobStatus)), Description("Only jobs in this status.")] string? status = null,
        [FromQuery, Description("A workload name, e.g. cpu.primes")] string? workload = null,
        [FromQuery, DocumentedAs(typeof(ExecutorKind)), Description("Only jobs on this executor.")] string? executor = null,
        [FromQuery, Description("1-based page number.")] int page = 1,
        [FromQuery, Description("Jobs per page, 1 to 500.")] int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var statusFilter = ParseEnum<JobStatus>("status", status, errors);
        var executorFilter = ParseEnum<ExecutorKind>("executor", executor, errors);
        if (page < 1)
        {
            errors["page"] = [$"'page' must be 1 or more; got {page}."];
        }

        if (pageSize is < 1 or > 500)
        {
            errors["pageSize"] = [$"'pageSize' must be from 1 to 500; got {pageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (items, total) = await store.ListAsync(new JobQuery(statusFilter, workload, executorFilter, page, pageSize), cancellationToken);
        return TypedResults.Ok(new JobPage([.. items.Select(JobView.From)], page, pageSize, total));
    }

    private static async Task<Results<Ok<JobView>, Accepted<JobView>, ValidationProblem, ProblemHttpResult>> CancelJob(
        [DocumentedAs(typeof(Guid)), Description("The job's id.")] string id, JobCanceller canceller, IJobStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var jobId = RouteValues.ParseId(id, "a job", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var update = await canceller.CancelAsync(jobId, cancellationToken);
        if (update is null)
        {
            return await NotFoundOrGoneAsync(store, jobId, cancellationToken);
        }

        var job = update.Job;
        if (update.Changed)
        {
            return TypedResults.Ok(JobView.From(job));
        }

        if (job.Status.IsFinal())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The job has already finished.",
                detail: $"Job {jobId} finished as '{JsonNamingPolicy.CamelCase.ConvertName(job.Status.ToString())}'; there is nothing to cancel.");
        }

        job = await WaitForFinishAsync(store, job, TimeSpan.FromSeconds(5), cancellationToken);
        return job.Status.IsFinal() ? TypedResults.Ok(JobView.From(job)) : TypedResults.Accepted(JobView.JobLinksFor(job).Self, JobView.From(job));
    }

    /// <summary>Waits up to <paramref name="limit"/> for the job to finish, then answers with the job as it is (finished or not).</summary>
    private static async Task<JobState> WaitForFinishAsync(IJobStore store, JobState job, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(limit);
        try
        {
            await store.WaitUntilFinishedAsync(job.Id, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The limit came first.
        }

        return await store.FindAsync(job.Id, cancellationToken) ?? job;
    }

    private static T? ParseEnum<T>(string name, string? value, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (StrictEnum.TryParse<T>(value, out var parsed))
        {
            return parsed;
        }

        var names = string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        errors[name] = [$"'{name}' must be one of: {names}; got '{value}'."];
        return null;
    }

    private static async Task<ProblemHttpResult> NotFoundOrGoneAsync(IJobStore store, Guid id, CancellationToken cancellationToken) =>
        await store.WasRemovedAsync(id, cancellationToken)
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status410Gone,
                title: "The job was removed by retention.",
                detail: $"Job {id} finished and was removed by retention (Jobs:RetainFinishedFor, Jobs:RetainFinishedJobs); its result is no longer kept.")
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such job.",
                detail: $"There is no job {id}.");
}
