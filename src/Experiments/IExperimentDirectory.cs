namespace ConcurrencyService.Experiments;

/// <summary>
/// Experiments of every node sharing the storage, as their nodes last wrote them. An experiment runs on the node that
/// accepted it (it measures that machine, and its plan lives there); that node writes its view here on every change, so
/// any node can read, list and cancel it. Absent with in-memory storage, where this node's own store is all there is.
/// </summary>
public interface IExperimentDirectory
{
    /// <summary>Writes the experiment's current view (finished ones expire with <c>Experiments:RetainFinishedFor</c>).</summary>
    Task PublishAsync(ExperimentView view, CancellationToken cancellationToken);

    Task<DirectoryEntry?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Newest first, each with the node that holds it.</summary>
    Task<IReadOnlyList<DirectoryEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Asks the node running or holding the experiment to cancel it.</summary>
    Task RequestCancelAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="cancel"/> for every cancel asked of an experiment (on whichever node holds it).</summary>
    Task SubscribeToCancelsAsync(Action<Guid> cancel, CancellationToken cancellationToken);
}

/// <summary>An experiment's last written view, and the node that holds it.</summary>
public sealed record DirectoryEntry(string Node, ExperimentView View);
