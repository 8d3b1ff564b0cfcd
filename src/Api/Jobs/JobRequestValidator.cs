using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Api.Executors;
using ConcurrencyService.Api.Hosting;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Parameters;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Jobs;

/// <summary>
/// Checks a submission field by field and says exactly what is wrong with each, rather than leaving it to a
/// generic deserializer whose errors name CLR types. Keys of the error map are JSON paths
/// (<c>workload</c>, <c>tasks</c>, <c>parameters.below</c>, …).
/// </summary>
public sealed class JobRequestValidator(
    WorkloadCatalog catalog,
    ExecutorRegistry executors,
    IHttpFetcher http,
    IOptions<JobsOptions> options)
{
    private static readonly string[] Fields = ["workload", "parameters", "executor", "tasks", "timeoutMs"];

    public ValidatedJob? Validate(JsonNode? body, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body is not JsonObject root)
        {
            errors["$"] = [$"The body must be a JSON object like {{\"workload\": \"cpu.primes\", \"parameters\": {{\"below\": 1000000}}}}; got {Describe(body)}."];
            return null;
        }

        foreach (var (name, _) in root)
        {
            if (!Fields.Contains(name, StringComparer.Ordinal))
            {
                errors[name] = [$"Unknown property '{name}'. A job has: {string.Join(", ", Fields)}."];
            }
        }

        var limits = options.Value;
        var workload = ReadWorkload(root["workload"], errors);
        var executor = ReadExecutor(root["executor"], errors);
        var tasks = ReadInt(root, "tasks", 1, limits.MaxTasks, 1, errors);
        var timeoutMs = ReadInt(root, "timeoutMs", 1, limits.MaxTimeoutMs, limits.DefaultTimeoutMs, errors);
        var parameters = root["parameters"];
        if (parameters is not null and not JsonObject)
        {
            errors["parameters"] = [$"'parameters' must be a JSON object; got {Describe(parameters)}."];
        }

        ParameterValues? values = null;
        if (workload is not null && parameters is null or JsonObject)
        {
            var binding = ParameterBinder.Bind(workload, parameters as JsonObject);
            foreach (var (name, error) in binding.Errors)
            {
                errors[$"parameters.{name}"] = [error];
            }

            values = binding.Values;
            if (values is not null && workload.Name == "io.http" && http.CheckAllowed(new Uri(values.GetString("url"))) is { } refusal)
            {
                errors["parameters.url"] = [refusal];
            }
        }

        if (workload is { RequiresProcessIsolation: true } && executor == ExecutorKind.Threads)
        {
            errors["executor"] = [$"'{workload.Name}' runs only on the 'processes' executor: on 'threads' it would take the API process down with it."];
        }

        return errors.Count == 0 && workload is not null && values is not null && executor is not null
            ? new ValidatedJob(workload, values, executor.Value, tasks, timeoutMs)
            : null;
    }

    private IWorkload? ReadWorkload(JsonNode? node, Dictionary<string, string[]> errors)
    {
        var known = string.Join(", ", catalog.All.Select(w => w.Name));
        if (node is null)
        {
            errors["workload"] = [$"'workload' is required: one of {known}."];
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors["workload"] = [$"'workload' must be a string; got {Describe(node)}."];
            return null;
        }

        var name = node.GetValue<string>();
        if (!catalog.TryGet(name, out var workload))
        {
            errors["workload"] = DiagnosticWorkloads.All.Any(w => w.Name == name)
                ? [$"'{name}' is a fault workload, offered only when {DiagnosticWorkloads.ConfigurationKey} is true."]
                : [$"Unknown workload '{name}'. Known workloads: {known}."];
        }

        return workload;
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
            errors["executor"] = [$"'executor' must be one of: {names}; got {Describe(node)}."];
            return null;
        }

        if (!executors.TryGet(executor, out _))
        {
            errors["executor"] = [$"The '{node.GetValue<string>()}' executor is not enabled on this server ({Executors.Processes.ProcessesExecutorOptions.Section}:Enabled is false). Use 'threads'."];
            return null;
        }

        return executor;
    }

    private static int ReadInt(JsonObject root, string name, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        var node = root[name];
        if (node is null)
        {
            return fallback;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<int>(out var value) || value < min || value > max)
        {
            errors[name] = [$"'{name}' must be a whole number from {min} to {max}; got {Describe(node)}."];
            return fallback;
        }

        return value;
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => node.ToJsonString(),
    };
}

/// <summary>A submission that passed every check.</summary>
public sealed record ValidatedJob(IWorkload Workload, ParameterValues Parameters, ExecutorKind Executor, int Tasks, int TimeoutMs);
