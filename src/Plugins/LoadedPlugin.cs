namespace ConcurrencyService.Workloads.Plugins;

/// <summary>One plugin assembly as loaded: where from, the content hash of its build, and the workloads it offers.</summary>
/// <param name="Path">The plugin's main assembly, full path.</param>
/// <param name="Hash">SHA-256 of the plugin's files (<see cref="Protocol.PluginHash"/>): two processes with equal hashes run the same build.</param>
public sealed record LoadedPlugin(string Path, string Hash, IReadOnlyList<IWorkload> Workloads)
{
    /// <summary>The assembly's file name, e.g. <c>Acme.Workloads.dll</c>: how messages name the plugin.</summary>
    public string Name => System.IO.Path.GetFileName(Path);
}
