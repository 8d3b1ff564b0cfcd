using System.Runtime.CompilerServices;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Workloads;

/// <summary>
/// What a running piece may use from its host: the HTTP fetcher (with its allowlist) and a scratch folder; and
/// the one place a piece checks in with its executor: <see cref="Checkpoint"/> in CPU loops (cancellation, and
/// the emulated GIL's switch interval) and <c>WaitAsync</c> around IO waits (which let go of the emulated GIL).
/// </summary>
public sealed class WorkloadContext(IHttpFetcher http, string tempDirectory)
{
    public IHttpFetcher Http { get; } = http ?? throw new ArgumentNullException(nameof(http));

    public string TempDirectory { get; } = tempDirectory ?? throw new ArgumentNullException(nameof(tempDirectory));

    /// <summary>The piece's hold on an emulated GIL, or null (the usual case: .NET has no GIL).</summary>
    public GilHold? Gil { get; private init; }

    /// <summary>This context for one piece that runs under the emulated GIL.</summary>
    public WorkloadContext WithGil(GilHold gil) => new(Http, TempDirectory) { Gil = gil };

    /// <summary>
    /// Called by CPU loops every few thousand iterations: throws when cancelled and, under GIL emulation, lets a
    /// waiting piece run once the switch interval has passed. Without a GIL it is a token check and a null check.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Checkpoint(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Gil is not null)
        {
            GilCheckpoint();
        }
    }

    /// <summary>Awaits an IO operation; under GIL emulation without holding the GIL, as CPython's IO calls do.</summary>
    public ValueTask WaitAsync(ValueTask io) => Gil is { } gil && !io.IsCompleted ? gil.WaitOutsideAsync(io) : io;

    /// <inheritdoc cref="WaitAsync(ValueTask)"/>
    public ValueTask<T> WaitAsync<T>(ValueTask<T> io) => Gil is { } gil && !io.IsCompleted ? gil.WaitOutsideAsync(io) : io;

    /// <inheritdoc cref="WaitAsync(ValueTask)"/>
    public ValueTask WaitAsync(Task io) => WaitAsync(new ValueTask(io));

    /// <inheritdoc cref="WaitAsync(ValueTask)"/>
    public ValueTask<T> WaitAsync<T>(Task<T> io) => WaitAsync(new ValueTask<T>(io));

    // Out of line, so that the CPU loops that inline Checkpoint stay as small as they were without GIL emulation.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GilCheckpoint() => Gil!.Checkpoint();

    /// <summary>Runs a blocking IO call; under GIL emulation without holding the GIL.</summary>
    public void Block(Action blocking)
    {
        ArgumentNullException.ThrowIfNull(blocking);
        if (Gil is { } gil)
        {
            gil.RunOutside(blocking);
        }
        else
        {
            blocking();
        }
    }
}
