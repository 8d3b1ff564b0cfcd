namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// One run of a job by one node: which node took it, when, and how that run ended. A job has one attempt unless a node
/// died or stopped with it running; then another node runs it again from the start, as a new attempt.
/// </summary>
/// <param name="Number">1 for the first run.</param>
/// <param name="Node">The node that ran this attempt (<c>Node:Name</c>).</param>
/// <param name="StartedAt">When the node took the job off the queue.</param>
/// <param name="EndedAt">When the attempt ended; null while it runs.</param>
/// <param name="Ending">How it ended: <c>finished</c>, <c>nodeLost</c> (its node died), or <c>released</c> (its node shut down and gave the job back).</param>
public sealed record JobAttempt(int Number, string Node, DateTimeOffset StartedAt, DateTimeOffset? EndedAt = null, string? Ending = null)
{
    public const string Finished = "finished";
    public const string NodeLost = "nodeLost";
    public const string Released = "released";
}
