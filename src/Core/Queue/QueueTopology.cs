namespace ConcurrencyService.Core.Queue;

/// <summary>
/// Which queue this node's experiments go to: <see cref="QueueNames.Experiments"/> with in-memory storage, and the node's own
/// (<see cref="QueueNames.ExperimentsOf"/>) with shared storage, so the node that accepted an experiment is the one that runs it.
/// </summary>
public sealed record QueueTopology(string Experiments);
