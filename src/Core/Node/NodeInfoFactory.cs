using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Core.Node;

internal static class NodeInfoFactory
{
    private static readonly DateTimeOffset StartedAt = MonotonicClock.UtcNow;

    public static NodeInfo Self(NodeOptions options) =>
        new(options.Name, options.Http, options.Workers, Environment.MachineName, Environment.ProcessId, StartedAt);
}
