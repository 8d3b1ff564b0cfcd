namespace ConcurrencyService.Core.Workloads;

/// <summary>The plugins to load. Section <c>Workloads</c>, key <c>Plugins</c>.</summary>
public sealed class WorkloadPluginsOptions
{
    public const string Section = "Workloads";

    /// <summary>
    /// Plugin build folders or .dll files, e.g. <c>Workloads:Plugins:0=/plugins/Acme.Workloads</c>. Relative paths are
    /// from the working directory. Plugins are operator-deployed code: only these paths are ever loaded. Empty by default.
    /// </summary>
    public IList<string> Plugins { get; } = [];
}
