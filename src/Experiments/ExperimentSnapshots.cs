using System.Threading.Channels;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Core.Node;
using ConcurrencyService.Core.Storage;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Experiments;

/// <summary>
/// Writes this node's experiments to the shared <see cref="IExperimentDirectory"/> as they change (the latest view of each,
/// however many changes came meanwhile), and carries out cancels other nodes ask for. Every <see cref="NodeOptions.Timeout"/>
/// it also ends, as failed (<c>nodeLost</c>), the unfinished experiments of nodes whose lease has expired: nobody else can
/// run them (their plan died with their node). Only with shared storage.
/// </summary>
public sealed class ExperimentSnapshots(
    RedisExperimentDirectory directory,
    RetainingStore<Experiment> store,
    INodeRegistry nodes,
    IOptions<NodeOptions> node,
    ILogger<ExperimentSnapshots> logger) : BackgroundService
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
        await new StorageRetry("Subscribing to experiment cancels", logger).RunAsync(
            async () =>
            {
                await directory.SubscribeToCancelsAsync(id => { if (store.Find(id) is { } experiment) { Cancel?.Invoke(experiment); } }, stoppingToken);
                return true;
            },
            stoppingToken);
        var sweeping = SweepLostAsync(stoppingToken);
        await WriteAsync(stoppingToken);
        await sweeping;
    }

    private Task SweepLostAsync(CancellationToken stoppingToken) =>
        new StorageLoop("Looking for experiments of dead nodes", node.Value.Timeout, logger).RunAsync(
            async cancellationToken =>
            {
                foreach (var entry in await directory.ListAsync(cancellationToken))
                {
                    if (!entry.View.Status.IsFinal() && entry.Node != nodes.Self && !await nodes.IsAliveAsync(entry.Node, cancellationToken))
                    {
                        logger.LogWarning("Experiment {Id} of node {Node}, which died, ends failed", entry.View.Id, entry.Node);
                        await directory.PublishAsAsync(entry.Node, entry.View with
                        {
                            Status = ExperimentStatus.Failed,
                            FinishedAt = MonotonicClock.UtcNow,
                            Error = new JobError("nodeLost", $"Node '{entry.Node}', which held the experiment, died before it finished; run it again."),
                        });
                    }
                }
            },
            stoppingToken);

    /// <summary>
    /// Writes each changed experiment, waiting out a storage outage (its latest view at each try): an experiment that ends
    /// while Redis is away has no later change to carry its end, so the write is not dropped.
    /// </summary>
    private async Task WriteAsync(CancellationToken stoppingToken)
    {
        var retry = new StorageRetry("Writing experiments to the shared storage", logger);
        await foreach (var experiment in _changed.Reader.ReadAllAsync(stoppingToken))
        {
            lock (_lock)
            {
                _pending.Remove(experiment.Id);
            }

            try
            {
                await retry.RunAsync(
                    async () =>
                    {
                        await directory.PublishAsync(experiment.ToView(), stoppingToken);
                        return true;
                    },
                    stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // A fault that is not the storage's fails this write only; the next change writes the experiment again.
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Experiment {Id} could not be written to the shared storage", experiment.Id);
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
