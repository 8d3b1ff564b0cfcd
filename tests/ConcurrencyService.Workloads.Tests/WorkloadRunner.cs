using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Workloads.Tests;

/// <summary>Runs a workload the way a host does, through <see cref="IWorkload"/> only: bind, split, run each piece, combine.</summary>
internal static class WorkloadRunner
{
    public static ParameterValues Bind(IWorkload workload, string json)
    {
        var binding = ParameterBinder.Bind(workload, JsonNode.Parse(json)!.AsObject());
        Assert.True(binding.IsValid, string.Join("; ", binding.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return binding.Values!;
    }

    /// <summary>
    /// Pieces and outputs go through their binary form, as they do across a process boundary, so the test also proves
    /// they survive encoding (doubles included) unchanged.
    /// </summary>
    public static async Task<JsonNode> RunAsync(
        IWorkload workload, ParameterValues values, int tasks, WorkloadContext context, CancellationToken cancellationToken = default)
    {
        var pieces = workload.Split(values, tasks);
        Assert.Equal(tasks, pieces.Count);
        var outputs = new List<object>(pieces.Count);
        foreach (var piece in pieces)
        {
            var output = await workload.RunEncodedPieceAsync(workload.EncodePiece(piece), context, cancellationToken);
            outputs.Add(workload.DecodeOutput(output));
        }

        return workload.Combine(values, outputs);
    }

    public static Task<JsonNode> RunAsync(IWorkload workload, string json, int tasks, WorkloadContext context, CancellationToken cancellationToken = default) =>
        RunAsync(workload, Bind(workload, json), tasks, context, cancellationToken);
}
