using ConcurrencyService.Core.Node;

namespace ConcurrencyService.Experiments;

/// <summary>In-memory storage: this node's own store is every experiment there is.</summary>
public sealed class LocalExperimentDirectory(RetainingStore<Experiment> store, INodeRegistry nodes) : IExperimentDirectory
{
    public Task PublishAsync(ExperimentView view, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DirectoryEntry?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(store.Find(id) is { } experiment ? new DirectoryEntry(nodes.Self, experiment.ToView()) : null);

    public Task<IReadOnlyList<DirectoryEntry>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DirectoryEntry>>([.. store.List().Select(e => new DirectoryEntry(nodes.Self, e.ToView()))]);

    public Task RequestCancelAsync(Guid id, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SubscribeToCancelsAsync(Action<Guid> cancel, CancellationToken cancellationToken) => Task.CompletedTask;
}
