using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Requests;
using ConcurrencyService.Core.Workloads;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Parameters;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Checks a submission field by field and says exactly what is wrong with each, rather than leaving it to a
/// generic deserializer whose errors name CLR types. Keys of the error map are JSON paths
/// (<c>workload</c>, <c>tasks</c>, <c>parameters.below</c>, …).
/// </summary>
public sealed class JobRequestValidator(
    WorkloadRequestReader workloads,
    ExecutorRegistry executors,
    IOptions<JobsOptions> options,
    ScratchFolder scratch)
{
    // What a body may hold is the record the OpenAPI document shows (RequestFields): parsed by its names, nothing else accepted.
    private static readonly string[] Fields = RequestFields.Of<SubmitJobRequest>();
    private static readonly string Executor = RequestFields.Name(nameof(SubmitJobRequest.Executor));
    private static readonly string Tasks = RequestFields.Name(nameof(SubmitJobRequest.Tasks));
    private static readonly string TimeoutMs = RequestFields.Name(nameof(SubmitJobRequest.TimeoutMs));
    private static readonly string Gil = RequestFields.Name(nameof(SubmitJobRequest.Gil));

    public ValidatedJob? Validate(JsonNode? body, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body is not JsonObject root)
        {
            errors["$"] = [$"The body must be a JSON object like {{\"workload\": \"cpu.primes\", \"parameters\": {{\"below\": 1000000}}}}; got {JsonFields.Describe(body)}."];
            return null;
        }

        JsonFields.RejectUnknown(root, Fields, "A job", errors);
        var limits = options.Value;
        var (workload, values) = workloads.Read(root, errors);
        var executor = ReadExecutor(root[Executor], errors);
        var tasks = JsonFields.ReadInt(root, Tasks, 1, limits.MaxTasks, 1, errors);
        var timeoutMs = JsonFields.ReadInt(root, TimeoutMs, 1, limits.MaxTimeoutMs, limits.DefaultTimeoutMs, errors);
        var gil = JsonFields.ReadBool(root, Gil, false, errors);

        if (workload is { RequiresProcessIsolation: true } && executor == ExecutorKind.Threads)
        {
            errors["executor"] = [$"'{workload.Name}' runs only on the 'processes' executor: on 'threads' it would take the API process down with it."];
        }

        // io.file's disk budget: the whole job's bytes at once, against the per-job limit and the scratch disk's free space.
        if (workload is ConcurrencyService.Workloads.Catalog.FileWorkload && values is not null && errors.Count == 0
            && scratch.CheckBudget(values.GetInt64("bytes"), tasks) is { } overBudget)
        {
            errors["parameters.bytes"] = [overBudget];
        }

        if (gil && executor == ExecutorKind.Processes)
        {
            errors["gil"] = ["'gil' applies to the 'threads' executor only. Processes share no GIL — in CPython each process has its own — " +
                "so a processes job runs as it would without one; leave 'gil' out or false."];
        }

        return errors.Count == 0 && workload is not null && values is not null && executor is not null
            ? new ValidatedJob(workload, values, executor.Value, tasks, timeoutMs, gil)
            : null;
    }

    private ExecutorKind? ReadExecutor(JsonNode? node, Dictionary<string, string[]> errors)
    {
        if (node is null)
        {
            return ExecutorKind.Threads;
        }

        var names = string.Join(", ", Enum.GetNames<ExecutorKind>().Select(n => n.ToLowerInvariant()));
        if (node.GetValueKind() != JsonValueKind.String || !StrictEnum.TryParse<ExecutorKind>(node.GetValue<string>(), out var executor))
        {
            errors["executor"] = [$"'executor' must be one of: {names}; got {JsonFields.Describe(node)}."];
            return null;
        }

        if (!executors.Offers(executor))
        {
            errors["executor"] = [$"The '{node.GetValue<string>()}' executor is not enabled on this server ({Executors.Processes.ProcessesExecutorOptions.Section}:Enabled is false). Use 'threads'."];
        }

        return executor;
    }
}

/// <summary>A submission that passed every check.</summary>
public sealed record ValidatedJob(IWorkload Workload, ParameterValues Parameters, ExecutorKind Executor, int Tasks, int TimeoutMs, bool Gil = false);
