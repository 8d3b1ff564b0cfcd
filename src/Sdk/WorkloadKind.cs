namespace ConcurrencyService.Workloads;

/// <summary>What bounds a workload's speed. The service uses it to pick defaults (a CPU workload is split across more tasks).</summary>
public enum WorkloadKind
{
    /// <summary>Bound by the processor: computing, hashing, resizing.</summary>
    Cpu,

    /// <summary>Bound by waiting on the outside world: network, disk, timers.</summary>
    Io,

    /// <summary>Both: waits for input, then computes on it.</summary>
    Mixed,

    /// <summary>A fault on purpose (crash, hang), offered only when the service's diagnostics are enabled.</summary>
    Diagnostic,
}
