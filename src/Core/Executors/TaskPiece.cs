using ConcurrencyService.Workloads;

namespace ConcurrencyService.Core.Executors;

/// <summary>Task <see cref="Index"/> of job <see cref="JobId"/>: one piece of a split workload.</summary>
/// <param name="Gil">Run under the executor's emulated GIL (threads only).</param>
public sealed record TaskPiece(Guid JobId, int Index, IWorkload Workload, object Piece, bool Gil = false);
