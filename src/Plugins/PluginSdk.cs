namespace ConcurrencyService.Workloads.Plugins;

/// <summary>The SDK a plugin is built against, as this host sees it.</summary>
public static class PluginSdk
{
    /// <summary>The SDK's assembly name: a plugin that does not reference it has no workloads.</summary>
    public const string AssemblyName = "ConcurrencyService.Workloads";

    /// <summary>
    /// The one SDK major version this host loads. Within a major the SDK only adds (SemVer), so a plugin built against
    /// any 1.x runs here; 2.x may have changed what a plugin relies on, so it is refused at start-up rather than failing at its first job.
    /// </summary>
    public static int SupportedMajor { get; } = typeof(Workload<,,>).Assembly.GetName().Version!.Major;
}
