using System.Diagnostics;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// Finding and starting one of this repository's .NET executables (the worker host, the worker) in a build or publish
/// folder: its apphost where the build made one, else its dll run by <c>dotnet</c>. The API, the host and the tests all
/// find them this way.
/// </summary>
public static class DotnetApp
{
    /// <summary>The apphost or dll of <paramref name="name"/> in the first of <paramref name="directories"/> that has either; null if none does.</summary>
    public static string? Find(string name, params ReadOnlySpan<string> directories)
    {
        ArgumentNullException.ThrowIfNull(name);
        var appHost = OperatingSystem.IsWindows() ? $"{name}.exe" : name;
        foreach (var directory in directories)
        {
            foreach (var candidate in (ReadOnlySpan<string>)[Path.Combine(directory, appHost), Path.Combine(directory, $"{name}.dll")])
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>A start of <paramref name="path"/>: the apphost itself, or <c>dotnet</c> with a dll.</summary>
    public static ProcessStartInfo Start(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new ProcessStartInfo(path);
        }

        var start = new ProcessStartInfo(Muxer());
        start.ArgumentList.Add(path);
        return start;
    }

    /// <summary>The <c>dotnet</c> running this process if it was started that way; otherwise the SDK's, or <c>dotnet</c> on the PATH.</summary>
    public static string Muxer() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
