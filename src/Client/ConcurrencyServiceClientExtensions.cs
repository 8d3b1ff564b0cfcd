namespace ConcurrencyService.Client;

/// <summary>Submitting a job and waiting for it in one call.</summary>
public static class ConcurrencyServiceClientExtensions
{
    /// <summary>How long each long-poll asks the server to hold the request unless told otherwise: 30 s.</summary>
    public static readonly TimeSpan DefaultLongPoll = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Submits a job and waits until it ends (succeeded, failed, cancelled or timed out), long-polling the server so
    /// the answer comes as soon as the job finishes. A failed job is returned, not thrown: read its
    /// <see cref="JobView.Status"/> and <see cref="JobView.Error"/>.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="request">The job to run.</param>
    /// <param name="cancellationToken">Stops the submission or the wait. Cancelling the wait does not cancel the job; call <see cref="IConcurrencyServiceClient.CancelJobAsync"/> for that.</param>
    /// <returns>The finished job.</returns>
    /// <exception cref="ConcurrencyServiceException">The service refused the job (e.g. 400 with field errors, or 429 after the retries).</exception>
    public static async Task<JobView> SubmitAndWaitAsync(
        this IConcurrencyServiceClient client, SubmitJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        // One key per submission: a retry of this request (after a timeout or a dropped connection) gets the same job.
        var accepted = await client.SubmitJobAsync(request, Guid.NewGuid().ToString(), cancellationToken).ConfigureAwait(false);
        return await client.WaitForJobAsync(accepted.Id, DefaultLongPoll, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the job ends, long-polling the server <paramref name="longPoll"/> at a time.</summary>
    /// <param name="client">The client.</param>
    /// <param name="id">The job's id.</param>
    /// <param name="longPoll">How long each request asks the server to wait: more than 0, at most the server's <c>Jobs:MaxWaitMs</c> (60 s by default).</param>
    /// <param name="cancellationToken">Stops waiting; the job itself carries on.</param>
    /// <returns>The finished job.</returns>
    /// <exception cref="ConcurrencyServiceException">The job does not exist (404), e.g. it finished and was removed after the retention period.</exception>
    public static async Task<JobView> WaitForJobAsync(
        this IConcurrencyServiceClient client, Guid id, TimeSpan longPoll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(longPoll, TimeSpan.Zero);
        var waitMs = (int)Math.Ceiling(longPoll.TotalMilliseconds);
        while (true)
        {
            var job = await client.GetJobAsync(id, waitMs, cancellationToken).ConfigureAwait(false);
            if (job.IsFinished)
            {
                return job;
            }
        }
    }
}
