using System.Text.Json.Nodes;
using ConcurrencyService.Core.Workloads;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Api.Workloads;

/// <summary>A workload of the catalog: what it does, its parameters with their limits, and an example request.</summary>
public sealed record WorkloadInfo(string Name, WorkloadKind Kind, string Description, IReadOnlyList<ParameterInfo> Parameters, JsonObject Example)
{
    public static WorkloadInfo From(IWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return new(workload.Name, workload.Kind, workload.Description, [.. workload.Parameters.Select(ParameterInfo.From)], ExampleRequest(workload));
    }

    /// <summary>A full <c>POST /api/jobs</c> body for this workload.</summary>
    public static JsonObject ExampleRequest(IWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return new JsonObject
        {
            ["workload"] = workload.Name,
            ["parameters"] = workload.Example.DeepClone(),
            ["executor"] = "threads",
            ["tasks"] = workload.Kind is WorkloadKind.Cpu or WorkloadKind.Mixed ? 4 : 1,
        };
    }
}

/// <summary>One parameter: its JSON type, whether it is required or its default, and its inclusive limits.</summary>
public sealed record ParameterInfo(
    string Name,
    ParameterType Type,
    string Description,
    bool Required,
    JsonNode? Default,
    double? Minimum,
    double? Maximum,
    IReadOnlyList<string>? AllowedValues)
{
    public static ParameterInfo From(ParameterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new(spec.Name, spec.Type, spec.Description, spec.Required, spec.Default?.DeepClone(), spec.Minimum, spec.Maximum, spec.AllowedValues);
    }
}
