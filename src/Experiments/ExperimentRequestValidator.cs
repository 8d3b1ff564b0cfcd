using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Experiments.Results;
using ConcurrencyService.Core.Requests;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Core.Workloads;
using ConcurrencyService.Workloads;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Experiments;

/// <summary>
/// Checks an experiment request field by field, like a job request: every problem is named by its JSON path
/// (<c>executors[1]</c>, <c>workers</c>, <c>parameters.below</c>), and a matrix too large to run is refused before it is queued.
/// </summary>
public sealed class ExperimentRequestValidator(WorkloadRequestReader workloads, IOptions<ExperimentsOptions> options, IOptions<JobsOptions> jobs)
{
    // What a body may hold is the record the OpenAPI document shows (RequestFields): parsed by its names, nothing else accepted.
    private static readonly string[] Fields = RequestFields.Of<SubmitExperimentRequest>();
    private static readonly string Executors = RequestFields.Name(nameof(SubmitExperimentRequest.Executors));
    private static readonly string Workers = RequestFields.Name(nameof(SubmitExperimentRequest.Workers));
    private static readonly string Repetitions = RequestFields.Name(nameof(SubmitExperimentRequest.Repetitions));
    private static readonly string Scaling = RequestFields.Name(nameof(SubmitExperimentRequest.Scaling));
    private static readonly string Tasks = RequestFields.Name(nameof(SubmitExperimentRequest.Tasks));

    public ScalingPlan? Validate(JsonNode? body, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body is not JsonObject root)
        {
            errors["$"] = [$"The body must be a JSON object like {{\"workload\": \"cpu.primes\", \"executors\": [\"threads\", \"processes\"], \"workers\": [1, 2]}}; got {JsonFields.Describe(body)}."];
            return null;
        }

        var limits = options.Value;
        JsonFields.RejectUnknown(root, Fields, "An experiment", errors);
        var (workload, values) = workloads.Read(root, errors);
        if (workload is { Kind: WorkloadKind.Diagnostic })
        {
            errors["workload"] = [$"'{workload.Name}' is a fault workload; experiments run cpu.* and io.* workloads. The 'crash' preset shows a crashing worker process."];
        }

        var executors = ReadList<ExperimentExecutor>(root, Executors, $"any of {string.Join(", ", ExperimentExecutors.All)}", errors, ReadExecutor);
        var workers = ReadList(root, Workers, $"worker counts from 1 to {limits.MaxWorkers}", errors, (JsonNode node, out int count) =>
            (JsonFields.TryReadInt(node, 1, limits.MaxWorkers, out count), $"A worker count must be a whole number from 1 to {limits.MaxWorkers}; got {JsonFields.Describe(node)}."));
        var repetitions = JsonFields.ReadInt(root, Repetitions, 1, limits.MaxRepetitions, 3, errors);
        var scaling = ReadScaling(root[Scaling], errors);
        int? tasks = root[Tasks] is null ? null : JsonFields.ReadInt(root, Tasks, 1, jobs.Value.MaxTasks, 1, errors);
        if (tasks is not null && scaling == ScalingMode.Weak)
        {
            errors["tasks"] = ["'tasks' applies to strong scaling only: under weak scaling a cell with N workers runs N tasks, each the whole job."];
        }

        if (executors is not null && workers is not null)
        {
            var runs = repetitions * (1 + (executors.Count(e => e != ExperimentExecutor.Sequential) * workers.Count));
            if (runs > limits.MaxRuns)
            {
                errors["$"] = [$"The experiment asks for {runs} runs: repetitions × (1 sequential + executors × worker counts) = {repetitions} × (1 + " +
                    $"{executors.Count(e => e != ExperimentExecutor.Sequential)} × {workers.Count}). At most {limits.MaxRuns}: ask for fewer executors, worker counts or repetitions."];
            }
        }

        if (errors.Count > 0 || workload is null || values is null || executors is null || workers is null || scaling is null)
        {
            return null;
        }

        IReadOnlyList<int> sorted = [.. workers.Order()];
        var title = $"{workload.Name}: {string.Join(", ", executors.Select(e => e.Name()))} on {string.Join(", ", sorted)} workers " +
            $"({scaling.Value.ToString().ToLowerInvariant()} scaling, {repetitions} repetitions)";
        return new ScalingPlan(title, workload, values, executors, sorted, repetitions, scaling.Value, tasks);
    }

    private delegate (bool Ok, string Error) ItemReader<T>(JsonNode node, out T value);

    private static List<T>? ReadList<T>(JsonObject root, string name, string what, Dictionary<string, string[]> errors, ItemReader<T> read)
    {
        var node = root[name];
        if (node is not JsonArray array || array.Count == 0)
        {
            errors[name] = [node is null
                ? $"'{name}' is required: a list of {what}."
                : $"'{name}' must be a non-empty list of {what}; got {(node is JsonArray ? "an empty list" : JsonFields.Describe(node))}."];
            return null;
        }

        var items = new List<T>();
        for (var i = 0; i < array.Count; i++)
        {
            T value = default!;
            var (ok, error) = array[i] is { } item ? read(item, out value) : (false, $"'{name}' must not hold null.");
            if (!ok)
            {
                errors[$"{name}[{i}]"] = [error];
            }
            else if (items.Contains(value))
            {
                errors[$"{name}[{i}]"] = [$"{JsonFields.Describe(array[i])} is listed twice in '{name}'."];
            }
            else
            {
                items.Add(value);
            }
        }

        return items.Count == array.Count ? items : null;
    }

    private static (bool Ok, string Error) ReadExecutor(JsonNode node, out ExperimentExecutor executor)
    {
        executor = default;
        var ok = node.GetValueKind() == JsonValueKind.String && ExperimentExecutors.TryParse(node.GetValue<string>(), out executor);
        return (ok, $"Unknown executor {JsonFields.Describe(node)}. Executors: {string.Join(", ", ExperimentExecutors.All)}.");
    }

    private static ScalingMode? ReadScaling(JsonNode? node, Dictionary<string, string[]> errors)
    {
        if (node is null)
        {
            return ScalingMode.Strong;
        }

        if (node.GetValueKind() == JsonValueKind.String && StrictEnum.TryParse<ScalingMode>(node.GetValue<string>(), out var mode))
        {
            return mode;
        }

        errors["scaling"] = [$"'scaling' must be 'strong' or 'weak'; got {JsonFields.Describe(node)}."];
        return null;
    }
}
