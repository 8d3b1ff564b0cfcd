namespace ConcurrencyService.Workloads;

/// <summary>
/// What a running piece may use from the worker running it. The service passes its own; <see cref="Default"/> serves
/// unit tests of a workload.
/// </summary>
public abstract class PieceContext
{
    /// <summary>A context that only checks cancellation, with the system's temp folder: for running a workload in a test.</summary>
    public static PieceContext Default { get; } = new DefaultPieceContext();

    /// <summary>A folder the piece may write scratch files into; delete them before returning.</summary>
    public abstract string TempDirectory { get; }

    /// <summary>
    /// Call from CPU loops every few milliseconds of work: throws <see cref="OperationCanceledException"/> when the job
    /// is cancelled and, when the service emulates a GIL, lets other threads run. Cheap: a token check otherwise.
    /// </summary>
    /// <param name="cancellationToken">The token <see cref="Workload{TParameters, TPiece, TOutput}.RunAsync"/> was given.</param>
    public abstract void Checkpoint(CancellationToken cancellationToken);

    /// <summary>Awaits an IO operation; when the service emulates a GIL, without holding it, as CPython's IO calls do.</summary>
    /// <param name="io">The operation, e.g. a <c>Task.Delay</c> or a read.</param>
    public abstract ValueTask WaitAsync(Task io);

    /// <summary>Awaits an IO operation that returns a value; see <see cref="WaitAsync(Task)"/>.</summary>
    /// <typeparam name="T">The operation's result.</typeparam>
    /// <param name="io">The operation, e.g. a file read.</param>
    public abstract ValueTask<T> WaitAsync<T>(Task<T> io);

    private sealed class DefaultPieceContext : PieceContext
    {
        public override string TempDirectory => Path.GetTempPath();

        public override void Checkpoint(CancellationToken cancellationToken) => cancellationToken.ThrowIfCancellationRequested();

        public override ValueTask WaitAsync(Task io) => new(io);

        public override ValueTask<T> WaitAsync<T>(Task<T> io) => new(io);
    }
}
