using System.ComponentModel;
using ConcurrencyService.Api.Hosting;
using ConcurrencyService.Api.Idempotency;
using ConcurrencyService.Api.OpenApi;
using ConcurrencyService.Api.Submissions;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Core.Requests;
using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Presets;
using ConcurrencyService.Experiments.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Experiments;

/// <summary>
/// <c>/api/experiments</c>: run a workload across executors and worker counts, or a tutorial's experiment by name, and read
/// speedup, efficiency and spread, or a chart. Experiments queue and run one at a time on workers of their own.
/// </summary>
public static class ExperimentsApi
{
    // Not "claims" or "presets": those are routes of their own, and a GET or DELETE of them should say so, not call them a bad id.
    private const string IdRoute = "/{id:regex(^(?!(claims|presets)$))}";

    public static RouteGroupBuilder MapExperimentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/experiments").WithTag("Experiments", "Experiments: a workload run over executors and worker counts, the tutorials' presets, speedup charts and the claims report.");

        group.MapPost("/", SubmitExperiment)
            .WithName("SubmitExperiment")
            .WithSummary("Run a scaling experiment")
            .WithDescription("Queues a workload to run on each listed executor (sequential, threads, threads+gil, processes, processes-spawn) at each worker count, " +
                "`repetitions` times, and answers 202 with the experiment's id and links; `Location` points at it. Experiments run one at a time on workers " +
                "of their own, never on the ones regular jobs use. At most 200 runs: repetitions × (1 sequential + executors × worker counts). A full queue answers 429 with `Retry-After`.")
            .Accepts<SubmitExperimentRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AcceptsIdempotencyKey();

        group.MapGet("/", ListExperiments)
            .WithName("ListExperiments")
            .WithSummary("List experiments")
            .WithDescription("Experiments newest first, queued, running and finished. Finished ones are kept for a configured time and count.");

        group.MapGet("/presets", ListExperimentPresets)
            .WithName("ListExperimentPresets")
            .WithSummary("List the tutorial experiments")
            .WithDescription("Each source tutorial's experiment as a preset: what it reproduces, the claim it tests, how it splits the work and defines speedup.");

        group.MapPost("/presets/{name}", RunExperimentPreset)
            .WithName("RunExperimentPreset")
            .WithSummary("Run a tutorial experiment")
            .WithDescription("Queues the preset at the tutorial's size (`size=default`) or a small one that finishes in seconds (`size=small`), and answers 202 like SubmitExperiment.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet(IdRoute, GetExperiment)
            .WithName("GetExperiment")
            .WithSummary("Get an experiment")
            .WithDescription("Progress and, per executor and worker count, the median wall and CPU time, speedup over sequential, parallel efficiency and the spread over " +
                "repetitions (or the start costs, or the crash's aftermath). With `waitMs`, waits up to that long for it to finish.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/chart.svg", GetExperimentChart)
            .WithName("GetExperimentChart")
            .WithSummary("Chart an experiment's speedup")
            .WithDescription("Speedup against worker count as an SVG image: one line per executor, the ideal (speedup = N) dashed. Drawn from the runs so far while it runs.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/svg+xml") // a file to the generated client, not JSON
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete(IdRoute, CancelExperiment)
            .WithName("CancelExperiment")
            .WithSummary("Cancel an experiment")
            .WithDescription("Cancels a queued experiment at once, or stops a running one and answers when it has stopped (200), or 202 if it is still stopping after a few seconds. A finished one answers 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    private static Task<Results<Accepted<ExperimentAccepted>, ValidationProblem, ProblemHttpResult>> SubmitExperiment(
        HttpContext http, ExperimentRequestValidator validator, ExperimentSubmitter submitter, IdempotentSubmissions idempotency, IOptions<JobsOptions> jobs, IOptions<ExperimentsOptions> experiments) =>
        new Submission<ScalingPlan, ExperimentAccepted>("experiment", "experiments", jobs.Value.MaxRequestBytes, validator.Validate).HandleAsync(http, idempotency, async (plan, cancellationToken) =>
            await submitter.SubmitAsync([plan], cancellationToken) is { } accepted
                ? SubmitOutcome.Accept(Accepted(accepted[0]), experiments.Value.RetainFinishedFor + experiments.Value.MaxRunTime)
                : SubmitOutcome.Refuse<ExperimentAccepted>(Full(http)));

    /// <summary>This node's experiments as they are, and the other nodes' as they last wrote them, newest first.</summary>
    internal static async Task<Ok<IReadOnlyList<ExperimentView>>> ListExperiments(RetainingStore<Experiment> store, IExperimentDirectory directory, CancellationToken cancellationToken)
    {
        var local = store.List().Select(e => e.ToView()).ToList();
        var ids = local.Select(v => v.Id).ToHashSet();
        var all = local.Concat((await directory.ListAsync(cancellationToken)).Select(e => e.View).Where(v => !ids.Contains(v.Id)))
            .OrderByDescending(v => v.SubmittedAt)
            .ThenBy(v => v.Id);
        return TypedResults.Ok<IReadOnlyList<ExperimentView>>([.. all]);
    }

    private static Ok<IReadOnlyList<PresetInfo>> ListExperimentPresets() =>
        TypedResults.Ok<IReadOnlyList<PresetInfo>>([.. ExperimentPresets.All.Select(PresetInfo.From)]);

    internal static async Task<Results<Accepted<ExperimentAccepted>, ValidationProblem, ProblemHttpResult>> RunExperimentPreset(
        HttpContext http,
        string name,
        ExperimentSubmitter submitter,
        [FromQuery, Description("default (the tutorial's size) or small (seconds)")] string? size = null)
    {
        if (!ExperimentPresets.TryGet(name, out var preset))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such preset.",
                detail: $"There is no preset '{name}'. Presets: {string.Join(", ", ExperimentPresets.All.Select(p => p.Name))}.");
        }

        if (ParseSize(size) is not { } parsed)
        {
            return SizeProblem(size);
        }

        return Accept(http, await submitter.SubmitAsync([preset.PlanFor(parsed)], http.RequestAborted));
    }

    private static async Task<Results<Ok<ExperimentView>, ValidationProblem, ProblemHttpResult>> GetExperiment(
        [DocumentedAs(typeof(Guid))] string id, int? waitMs, RetainingStore<Experiment> store, IExperimentDirectory directory, IOptions<JobsOptions> jobs, CancellationToken cancellationToken)
    {
        var found = Lookup.Find(store, id, "experiment", waitMs, jobs.Value.MaxWaitMs);
        if (found.Item is not { } experiment)
        {
            if (found.Invalid is { } invalid)
            {
                return invalid;
            }

            // Another node's: its view as that node last wrote it, waited on by re-reading (rare, and bounded by waitMs).
            return await FindElsewhereAsync(directory, found.Id, TimeSpan.FromMilliseconds(waitMs ?? 0), cancellationToken) is { } remote
                ? TypedResults.Ok(remote.View)
                : found.Missing!;
        }

        if (waitMs is > 0)
        {
            await WaitAsync(experiment.Finished, TimeSpan.FromMilliseconds(waitMs.Value), cancellationToken);
        }

        return TypedResults.Ok(experiment.ToView());
    }

    internal static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetExperimentChart(
        [DocumentedAs(typeof(Guid))] string id, RetainingStore<Experiment> store, IExperimentDirectory directory, CancellationToken cancellationToken)
    {
        var found = Lookup.Find(store, id, "experiment");
        if (found.Item is not { } experiment)
        {
            if (found.Invalid is { } invalid)
            {
                return invalid;
            }

            return await directory.FindAsync(found.Id, cancellationToken) is { } remote
                ? TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "The chart is drawn by the node that ran the experiment.",
                    detail: $"Experiment {id} ran on node '{remote.Node}', which holds its measurements; ask that node for {remote.View.Links.Self}/chart.svg (its numbers are in {remote.View.Links.Self} on any node).")
                : found.Missing!;
        }

        if (experiment.Plan is not ScalingPlan plan)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "This experiment has no chart.",
                detail: $"Experiment {experiment.Id} is a {experiment.Plan.Kind} experiment; only scaling experiments chart speedup against worker count.");
        }

        var view = experiment.ToView();
        var series = view.Cells
            .Where(c => c.Executor != ExperimentExecutor.Sequential.Name() && c.Speedup is not null)
            .GroupBy(c => c.Executor)
            .Select(g => new ChartSeries(g.Key, [.. g.Select(c => new ChartPoint(c.Workers, c.Speedup!.Value, c.SpeedupInterval?.Low, c.SpeedupInterval?.High))]))
            .ToList();
        var title = view.Status == ExperimentStatus.Running ? $"{plan.Title} (running)" : plan.Title;
        return TypedResults.Text(SpeedupChart.Render(title, plan.SpeedupAxis, series, view.Notes), "image/svg+xml");
    }

    private static async Task<Results<Ok<ExperimentView>, Accepted<ExperimentView>, ValidationProblem, ProblemHttpResult>> CancelExperiment(
        [DocumentedAs(typeof(Guid))] string id, RetainingStore<Experiment> store, ExperimentQueue queue, IExperimentDirectory directory, CancellationToken cancellationToken)
    {
        var found = Lookup.Find(store, id, "experiment");
        if (found.Item is not { } experiment)
        {
            if (found.Invalid is { } invalid)
            {
                return invalid;
            }

            if (await directory.FindAsync(found.Id, cancellationToken) is not { } remote)
            {
                return found.Missing!;
            }

            if (remote.View.Status.IsFinal())
            {
                return AlreadyFinished(remote.View.Id, remote.View.Status);
            }

            // Held by another node: it cancels it when it hears of the request.
            await directory.RequestCancelAsync(remote.View.Id, cancellationToken);
            var after = await FindElsewhereAsync(directory, found.Id, TimeSpan.FromSeconds(5), cancellationToken) ?? remote;
            return after.View.Status.IsFinal() ? TypedResults.Ok(after.View) : TypedResults.Accepted(after.View.Links.Self, after.View);
        }

        if (experiment.Status.IsFinal())
        {
            return AlreadyFinished(experiment.Id, experiment.Status);
        }

        if (!queue.Cancel(experiment))
        {
            await WaitAsync(experiment.Finished, TimeSpan.FromSeconds(5), cancellationToken);
        }

        var view = experiment.ToView();
        return view.Status.IsFinal() ? TypedResults.Ok(view) : TypedResults.Accepted(view.Links.Self, view);
    }

    private static ProblemHttpResult AlreadyFinished(Guid id, ExperimentStatus status) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The experiment has already finished.",
            detail: $"Experiment {id} finished as '{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString())}'; there is nothing to cancel.");

    /// <summary>An experiment another node holds, re-read until it is final or <paramref name="wait"/> has passed.</summary>
    internal static async Task<DirectoryEntry?> FindElsewhereAsync(IExperimentDirectory directory, Guid id, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        var entry = await directory.FindAsync(id, cancellationToken);
        while (entry is not null && !entry.View.Status.IsFinal() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            entry = await directory.FindAsync(id, cancellationToken) ?? entry;
        }

        return entry;
    }

    internal static PresetSize? ParseSize(string? size) =>
        size is null ? PresetSize.Default : StrictEnum.TryParse<PresetSize>(size, out var parsed) ? parsed : null;

    internal static ValidationProblem SizeProblem(string? size) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["size"] = [$"'size' must be 'default' or 'small'; got '{size}'."] });

    internal static Results<Accepted<ExperimentAccepted>, ValidationProblem, ProblemHttpResult> Accept(HttpContext http, IReadOnlyList<Experiment>? accepted)
    {
        if (accepted is null)
        {
            return Full(http);
        }

        return Accepted(accepted[0]);
    }

    private static Accepted<ExperimentAccepted> Accepted(Experiment experiment)
    {
        var links = ExperimentLinks.For(experiment.Id, experiment.Plan.Kind);
        return TypedResults.Accepted(links.Self, new ExperimentAccepted(experiment.Id, experiment.Status, experiment.SubmittedAt, links));
    }

    /// <param name="needed">How many places the refused request needed: one, or one per preset for a claims run.</param>
    internal static ProblemHttpResult Full(HttpContext http, int needed = 1)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<ExperimentsOptions>>().Value;
        var waiting = http.RequestServices.GetRequiredService<ExperimentQueue>().Waiting;
        http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "The experiment queue is full.",
            detail: $"{waiting} of the {options.QueueCapacity} places behind the running experiment are taken, and this request needs {needed}. " +
                $"Experiments run one at a time; retry after {options.RetryAfterSeconds} s.");
    }

    internal static async Task WaitAsync(Task finished, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await finished.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The limit came first; answer with the state as it is.
        }
    }
}
