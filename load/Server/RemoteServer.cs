namespace ConcurrencyService.Load.Server;

/// <summary>A server already running at <c>--target</c>: nothing to start or stop.</summary>
public sealed class RemoteServer(Uri baseAddress) : IServer
{
    public Uri BaseAddress => baseAddress;

    public bool Embedded => false;

    public int? ProcessId => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
