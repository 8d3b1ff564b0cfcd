namespace ConcurrencyService.Workloads.Catalog.Diagnostics;

/// <summary>The fault workloads, offered only when <c>Diagnostics:FaultWorkloads</c> is true.</summary>
public static class DiagnosticWorkloads
{
    public const string ConfigurationKey = "Diagnostics:FaultWorkloads";

    public static IReadOnlyList<IWorkload> All { get; } = [new CrashWorkload(), new HangWorkload()];
}
