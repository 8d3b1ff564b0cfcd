using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Requests;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Core.Workloads;

/// <summary>
/// Reads the <c>workload</c> and <c>parameters</c> fields that job and experiment requests share: the workload must be
/// in the catalog, the parameters must bind to its specs, and an <c>io.http</c> URL must be on the allowlist.
/// </summary>
public sealed class WorkloadRequestReader(WorkloadCatalog catalog, IHttpFetcher http)
{
    /// <summary>The workload and its bound parameters, or nulls with errors added.</summary>
    public (IWorkload? Workload, ParameterValues? Values) Read(JsonObject root, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(errors);
        var workload = ReadWorkload(root["workload"], errors);
        var parameters = root["parameters"];
        if (parameters is not null and not JsonObject)
        {
            errors["parameters"] = [$"'parameters' must be a JSON object; got {JsonFields.Describe(parameters)}."];
        }

        if (workload is null || parameters is not (null or JsonObject))
        {
            return (workload, null);
        }

        var binding = ParameterBinder.Bind(workload, parameters as JsonObject);
        foreach (var (name, error) in binding.Errors)
        {
            errors[$"parameters.{name}"] = [error];
        }

        var values = binding.Values;
        if (values is not null && workload.Name == "io.http" && http.CheckAllowed(new Uri(values.GetString("url"))) is { } refusal)
        {
            errors["parameters.url"] = [refusal];
            values = null;
        }

        return (workload, values);
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
            errors["workload"] = [$"'workload' must be a string; got {JsonFields.Describe(node)}."];
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
}
