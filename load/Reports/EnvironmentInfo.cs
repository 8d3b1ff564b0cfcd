using System.Runtime.InteropServices;

namespace ConcurrencyService.Load.Reports;

/// <summary>Where a run was measured; every report states it.</summary>
/// <param name="Target">"embedded" (started by the runner) or the URL of the server under test (several nodes: their URLs).</param>
public sealed record EnvironmentInfo(string Machine, string Cpu, int Cores, string Os, string Runtime, string Target)
{
    public static EnvironmentInfo Current(string target) => new(
        Environment.MachineName,
        CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        target);

    private static string? CpuModel() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
}
