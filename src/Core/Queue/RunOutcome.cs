namespace ConcurrencyService.Core.Queue;

/// <summary>
/// How a run ended, as the queue should record it: a failed workload is a result, not a fault, so a run reports it
/// here instead of throwing (which would have the queue retry it). <see cref="QueuedRun{TTicket}"/> turns it into
/// the queue entry's final state.
/// </summary>
public sealed record RunOutcome(RunOutcomeKind Kind, string? Reason)
{
    public static RunOutcome Succeeded { get; } = new(RunOutcomeKind.Succeeded, null);

    public static RunOutcome Failed(string reason) => new(RunOutcomeKind.Failed, reason);

    public static RunOutcome Cancelled(string reason) => new(RunOutcomeKind.Cancelled, reason);

    /// <summary>The run was given back unfinished (its node is stopping): the queue must hand it to another worker.</summary>
    public static RunOutcome Released(string reason) => new(RunOutcomeKind.Released, reason);
}

public enum RunOutcomeKind
{
    Succeeded,
    Failed,
    Cancelled,
    Released,
}
