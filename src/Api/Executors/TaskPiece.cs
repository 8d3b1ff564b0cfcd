using System.Text.Json.Nodes;
using ConcurrencyService.Workloads;

namespace ConcurrencyService.Api.Executors;

/// <summary>Task <see cref="Index"/> of job <see cref="JobId"/>: one piece of a split workload.</summary>
public sealed record TaskPiece(Guid JobId, int Index, IWorkload Workload, JsonNode Piece);
