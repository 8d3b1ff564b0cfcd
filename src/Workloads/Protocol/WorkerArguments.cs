namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// The command line of a worker process (ConcurrencyService.Worker): <c>[--fault-workloads] [--http-allow URL]… [--http-timeout MS] [--plugin SHA256=PATH]…</c>.
/// The host builds it with <see cref="ToArguments"/> and the worker reads it with <see cref="Parse"/>, so both ends agree.
/// <c>--version</c> alone prints the executable's name and protocol version and exits.
/// </summary>
/// <param name="Plugins">Plugin assemblies to load, each with the content hash the host saw (<see cref="PluginHash"/>): a worker that finds another build refuses to start.</param>
public sealed record WorkerArguments(bool FaultWorkloads, IReadOnlyList<Uri> HttpAllowlist, IReadOnlyList<PluginArgument> Plugins)
{
    public const string FaultWorkloadsFlag = "--fault-workloads";
    public const string HttpAllowFlag = "--http-allow";
    public const string HttpTimeoutFlag = "--http-timeout";

    /// <summary>The whole of one <c>io.http</c> fetch's limit (<c>Workloads:Http:Timeout</c>), passed as milliseconds.</summary>
    public TimeSpan HttpTimeout { get; init; } = Http.AllowlistHttpFetcher.DefaultTimeout;
    public const string PluginFlag = "--plugin";

    /// <summary>
    /// Alone on the command line: print one line and exit, running no workload code. Besides telling which protocol an
    /// executable speaks, it is what the spawn benchmark times as the floor of a worker's start: the runtime's own start.
    /// </summary>
    public const string VersionFlag = "--version";

    public static string VersionLine => $"{WorkerStart.ExecutableName}, protocol {HostHello.CurrentVersion}";

    /// <summary>Throws <see cref="ArgumentException"/> on anything it does not know: a worker must not run half-configured.</summary>
    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var faults = false;
        var allow = new List<Uri>();
        TimeSpan? httpTimeout = null;
        var plugins = new List<PluginArgument>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case FaultWorkloadsFlag:
                    faults = true;
                    break;
                case HttpAllowFlag when i + 1 < args.Count && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var url):
                    allow.Add(url);
                    i++;
                    break;
                case HttpTimeoutFlag when i + 1 < args.Count && long.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms > 0:
                    httpTimeout = TimeSpan.FromMilliseconds(ms);
                    i++;
                    break;
                case PluginFlag when i + 1 < args.Count && args[i + 1].Split('=', 2) is [{ Length: > 0 } hash, { Length: > 0 } path]:
                    plugins.Add(new PluginArgument(path, hash));
                    i++;
                    break;
                default:
                    throw new ArgumentException(
                        $"Unexpected worker argument '{args[i]}'. Usage: {WorkerStart.ExecutableName} [{FaultWorkloadsFlag}] [{HttpAllowFlag} <absolute base URL>]... [{HttpTimeoutFlag} <ms>] [{PluginFlag} <sha256>=<assembly path>]... or {WorkerStart.ExecutableName} {VersionFlag}", nameof(args));
            }
        }

        var arguments = new WorkerArguments(faults, allow, plugins);
        return httpTimeout is { } limit ? arguments with { HttpTimeout = limit } : arguments;
    }

    public IEnumerable<string> ToArguments()
    {
        if (FaultWorkloads)
        {
            yield return FaultWorkloadsFlag;
        }

        foreach (var url in HttpAllowlist)
        {
            yield return HttpAllowFlag;
            yield return url.AbsoluteUri;
        }

        // Only when not the default, so the default command line stays as it was (e.g. --version alone after it).
        if (HttpTimeout != Http.AllowlistHttpFetcher.DefaultTimeout)
        {
            yield return HttpTimeoutFlag;
            yield return ((long)HttpTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var plugin in Plugins)
        {
            yield return PluginFlag;
            yield return $"{plugin.Sha256}={plugin.Path}";
        }
    }
}
