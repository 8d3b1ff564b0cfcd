namespace ConcurrencyService.Workloads.Plugins;

/// <summary>A configured plugin that cannot be served: start-up stops with this message, which names the file and the reason.</summary>
public sealed class PluginLoadException(string path, string reason, Exception? inner = null)
    : Exception($"Plugin '{path}' cannot be loaded: {reason}", inner)
{
    /// <summary>The file or folder the message is about.</summary>
    public string PluginPath { get; } = path;
}
