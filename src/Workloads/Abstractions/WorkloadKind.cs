namespace ConcurrencyService.Workloads;

/// <summary>What bounds a workload's speed: the processor, waiting on the outside world, or a diagnostic fault.</summary>
public enum WorkloadKind
{
    Cpu,
    Io,
    Diagnostic,
}
