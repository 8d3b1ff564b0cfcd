namespace ConcurrencyService.Core.Storage;

/// <summary>
/// A background loop on the shared storage: one pass every <paramref name="interval"/>, and a pass that fails — the storage
/// away, or any other fault — is logged through <see cref="StorageRetry"/> and tried again after its backoff, so the loop
/// (and the node) outlives any outage. Only the stopping token ends it. Every periodic loop of the service runs on this.
/// </summary>
public sealed class StorageLoop(string what, TimeSpan interval, ILogger logger)
{
    /// <summary>The longest wait after failed passes; by default the interval, or 5 s if that is shorter.</summary>
    public TimeSpan MaxBackoff { get; init; } = interval > TimeSpan.FromSeconds(5) ? interval : TimeSpan.FromSeconds(5);

    public async Task RunAsync(Func<CancellationToken, Task> pass, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var retry = new StorageRetry(what, logger) { MaxBackoff = MaxBackoff };
        var wait = interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await pass(stoppingToken);
                retry.Succeeded();
                wait = interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Whatever one pass throws: the loop must survive it (a dead loop would stop the node, or leave it half-working).
            catch (Exception ex)
            {
                var backoff = retry.Failed(ex);
                wait = backoff > interval ? backoff : interval;
            }
        }
    }
}
