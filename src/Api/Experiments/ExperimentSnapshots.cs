using System.Threading.Channels;

namespace ConcurrencyService.Api.Experiments;

/// <summary>
/// Writes this node's experiments to the shared <see cref="IExperimentDirectory"/> as they change (the latest view of each,
/// however many changes came meanwhile), and carries out cancels other nodes ask for. Only with shared storage.
/// </summary>
public sealed class ExperimentSnapshots(IExperimentDirectory directory, RetainingStore<Experiment> store, ILogger<ExperimentSnapshots> logger) : BackgroundService
{
    private readonly Channel<Experiment> _changed = Channel.CreateUnbounded<Experiment>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<Guid> _pending = [];
    private readonly Lock _lock = new();

    /// <summary>Set by the queue: cancels an experiment held on this node.</summary>
    public Action<Experiment>? Cancel { get; set; }

    /// <summary>Follows the experiment: its every change is written to the directory, starting now.</summary>
    public void Track(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        experiment.Changed += Changed;
        Changed(experiment);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await directory.SubscribeToCancelsAsync(id => { if (store.Find(id) is { } experiment) { Cancel?.Invoke(experiment); } }, stoppingToken);
        await foreach (var experiment in _changed.Reader.ReadAllAsync(stoppingToken))
        {
            lock (_lock)
            {
                _pending.Remove(experiment.Id);
            }

            try
            {
                await directory.PublishAsync(experiment.ToView(), stoppingToken);
            }
#pragma warning disable CA1031 // One failed write (Redis away) must not stop the writer; the next change writes the experiment again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning("Experiment {Id} could not be written to the shared storage: {Message}", experiment.Id, ex.Message);
            }
        }
    }

    private void Changed(Experiment experiment)
    {
        lock (_lock)
        {
            if (!_pending.Add(experiment.Id))
            {
                return; // a write of it is queued already, and will take its latest view
            }
        }

        _changed.Writer.TryWrite(experiment);
    }
}
