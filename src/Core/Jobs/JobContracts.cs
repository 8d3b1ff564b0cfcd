using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Core.Jobs;

/// <summary>A request to run a workload as a job.</summary>
/// <param name="Workload">Catalog name, e.g. <c>cpu.primes</c> (see <c>GET /api/workloads</c>).</param>
/// <param name="Parameters">The workload's parameters; omitted ones take their defaults.</param>
/// <param name="Executor">Where the tasks run: <c>threads</c> (default) or <c>processes</c>.</param>
/// <param name="Tasks">How many pieces to split the job into, run in parallel like <c>Pool.map</c> (default 1).</param>
/// <param name="TimeoutMs">Run-time limit in milliseconds, counted from the first task's start (default from configuration).</param>
/// <param name="Gil">Threads only: run the tasks under an emulated CPython GIL (default false).</param>
public sealed record SubmitJobRequest(
    string Workload,
    JsonObject? Parameters = null,
    ExecutorKind? Executor = null,
    int? Tasks = null,
    int? TimeoutMs = null,
    [property: Description("Threads only: run the tasks under an emulated CPython GIL, so CPU work takes turns every switch interval (5 ms) " +
        "while IO waits still overlap. Default false. Processes have no shared GIL (each CPython process has its own), so true on processes is refused.")]
    bool? Gil = null);

/// <summary>The answer to a submission: where to find the job.</summary>
public sealed record JobAccepted(Guid Id, JobStatus Status, DateTimeOffset SubmittedAt, JobLinks Links);

public sealed record JobLinks(
    [property: Description("GET: the job; add ?waitMs= to long-poll until it finishes.")] string Self,
    [property: Description("DELETE: cancel the job.")] string Cancel)
{
    /// <summary>The job's entry in Hangfire's dashboard (a page for browsers; local requests only by default).</summary>
    [Description("A browser page: the job's entry in Hangfire's dashboard, its queue states and history (local requests only by default).")]
    public string? Queue { get; init; }
}

/// <summary>A job: what was asked, where it is, its result or error, and its timings.</summary>
public sealed record JobView(
    Guid Id,
    string Workload,
    JsonElement Parameters,
    ExecutorKind Executor,
    int Tasks,
    int TimeoutMs,
    [property: Description("The tasks ran under the emulated GIL.")] bool Gil,
    JobStatus Status,
    JsonElement? Result,
    JobError? Error,
    JobTimings Timings,
    IReadOnlyList<TaskView> TaskRuns,
    JobLinks Links)
{
    /// <summary>Every run of the job, oldest first, with the node that ran it; more than one when a node died or stopped with the job running.</summary>
    [Description("Every run of the job, oldest first: the node that took it, when, and how the run ended (finished, nodeLost: its node died, " +
        "released: its node shut down and gave the job back). More than one when the job was run again on another node. Timings and taskRuns are the last attempt's.")]
    public IReadOnlyList<JobAttempt> Attempts { get; init; } = [];

    public static JobView From(JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(
            job.Id,
            job.Workload,
            job.Parameters,
            job.Executor,
            job.Tasks,
            job.TimeoutMs,
            job.Gil,
            job.Status,
            job.Result,
            job.Error,
            JobTimings.From(job),
            [.. job.TaskRuns.Select(TaskView.From)],
            JobLinksFor(job))
        {
            Attempts = job.Attempts.IsDefault ? [] : job.Attempts,
        };
    }

    public static JobLinks JobLinksFor(JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new($"/api/jobs/{job.Id}", $"/api/jobs/{job.Id}") { Queue = job.QueueJobId is { } queueJobId ? $"/hangfire/jobs/details/{queueJobId}" : null };
    }
}

/// <summary>
/// Timestamps and durations of a job. Durations are measured on a monotonic clock.
/// <c>effectiveParallelism</c> is the sum of the tasks' run times divided by the job's run time: about 1 when
/// tasks ran one after another, about N when N ran at once. Under the GIL, time a task spent waiting for the GIL
/// is not running time, so CPU tasks that took turns count as one at a time.
/// </summary>
public sealed record JobTimings(
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? QueueWaitMs,
    double? RunTimeMs,
    double? CpuTimeMs,
    double? EffectiveParallelism)
{
    /// <summary>Under GIL emulation: the tasks' total time waiting for the GIL.</summary>
    public double? GilWaitMs { get; init; }

    public static JobTimings From(JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        double? queueWait = job.StartedAt is { } s ? Ms(s - job.SubmittedAt) : null;
        double? runTime = job.StartedAt is { } s2 && job.FinishedAt is { } f ? Ms(f - s2) : null;
        var gilWait = job.TaskRuns.Sum(t => t.GilWait?.TotalMilliseconds ?? 0);
        var taskTime = job.TaskRuns.Where(t => t.Duration is not null).Sum(t => t.Duration!.Value.TotalMilliseconds) - gilWait;
        double? parallelism = runTime is > 0 ? Math.Round(taskTime / runTime.Value, 3) : null;
        return new(job.SubmittedAt, job.StartedAt, job.FinishedAt, queueWait, runTime, job.CpuTime is { } c ? Ms(c) : null, parallelism)
        {
            GilWaitMs = job.Gil ? Math.Round(gilWait, 3) : null,
        };
    }

    internal static double Ms(TimeSpan span) => Math.Round(span.TotalMilliseconds, 3);
}

/// <summary>
/// One task of a job: which worker ran it (process and OS thread id), when, for how long, its CPU time, and —
/// on the processes executor — the dispatch overhead: time outside the workload and outside any queue
/// (sending, receiving, serialising, and in spawn mode starting the process).
/// </summary>
public sealed record TaskView(
    int Index,
    TaskRunStatus Status,
    string? Worker,
    int? ProcessId,
    long? ThreadId,
    DateTimeOffset? StartedAt,
    double? DurationMs,
    double? CpuTimeMs,
    double? DispatchOverheadMs,
    string? Error)
{
    /// <summary>Under GIL emulation: the part of <c>durationMs</c> spent waiting for the GIL.</summary>
    public double? GilWaitMs { get; init; }

    public static TaskView From(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(
            task.Index,
            task.Status,
            task.Worker?.Name,
            task.Worker?.ProcessId,
            task.Worker?.ThreadId,
            task.StartedAt,
            task.Duration is { } d ? JobTimings.Ms(d) : null,
            task.CpuTime is { } c ? JobTimings.Ms(c) : null,
            task.DispatchOverhead is { } o ? JobTimings.Ms(o) : null,
            task.Error)
        {
            GilWaitMs = task.GilWait is { } g ? JobTimings.Ms(g) : null,
        };
    }
}

/// <summary>One page of jobs, newest first.</summary>
public sealed record JobPage(IReadOnlyList<JobView> Items, int Page, int PageSize, int Total);
