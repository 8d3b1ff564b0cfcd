using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Experiments;

/// <summary>
/// The one queue of experiments, read by one runner, so two experiments never run at once and disturb each other's
/// timings. Bounded: a batch (a claims run queues every preset) is admitted whole or not at all.
/// </summary>
public sealed class ExperimentQueue
{
    private readonly Lock _admit = new();
    private readonly int _capacity;
    private readonly Channel<Experiment> _channel;

    public ExperimentQueue(IOptions<ExperimentsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.QueueCapacity;
        _channel = Channel.CreateBounded<Experiment>(new BoundedChannelOptions(_capacity) { SingleReader = true });
    }

    public int Capacity => _capacity;

    /// <summary>Experiments waiting to run.</summary>
    public int Waiting => _channel.Reader.Count;

    /// <summary>Queues all of <paramref name="experiments"/>, or none when they do not all fit.</summary>
    public bool TryEnqueue(IReadOnlyCollection<Experiment> experiments)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        lock (_admit)
        {
            // Only the reader takes items out meanwhile, so room checked here is still there for the writes.
            if (_channel.Reader.Count + experiments.Count > _capacity)
            {
                return false;
            }

            foreach (var experiment in experiments)
            {
                if (!_channel.Writer.TryWrite(experiment))
                {
                    throw new InvalidOperationException("The experiment queue refused an experiment it had room for.");
                }
            }

            return true;
        }
    }

    public IAsyncEnumerable<Experiment> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
