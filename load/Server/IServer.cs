namespace ConcurrencyService.Load.Server;

/// <summary>The service under test: one this runner started, or one already running.</summary>
public interface IServer : IAsyncDisposable
{
    Uri BaseAddress { get; }

    /// <summary>Whether this runner started it (and so chose its worker counts).</summary>
    bool Embedded { get; }

    /// <summary>Its process id when this runner started it, for measuring its CPU use.</summary>
    int? ProcessId { get; }
}
