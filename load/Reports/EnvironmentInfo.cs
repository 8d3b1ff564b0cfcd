using System.Runtime.InteropServices;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Load.Reports;

/// <summary>Where a run was measured; every report states it.</summary>
/// <param name="Target">"embedded" (started by the runner) or the URL of the server under test (several nodes: their URLs).</param>
public sealed record EnvironmentInfo(string Machine, string Cpu, int Cores, string Os, string Runtime, string Target)
{
    public static EnvironmentInfo Current(string target) => new(
        Environment.MachineName,
        MachineStat.CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        target);
}
