namespace ConcurrencyService.Workloads.Plugins;

/// <summary>The SDK's <see cref="PieceContext"/> over the host's own context: the same checkpoint, GIL and scratch folder the built-ins use.</summary>
internal sealed class HostPieceContext(WorkloadContext context) : PieceContext
{
    public override string TempDirectory => context.TempDirectory;

    public override void Checkpoint(CancellationToken cancellationToken) => context.Checkpoint(cancellationToken);

    public override ValueTask WaitAsync(Task io) => context.WaitAsync(io);

    public override ValueTask<T> WaitAsync<T>(Task<T> io) => context.WaitAsync(io);
}
