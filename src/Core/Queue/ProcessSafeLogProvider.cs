using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace ConcurrencyService.Core.Queue;

/// <summary>
/// Hangfire's log provider is process-wide: the last app to start sets it. When several apps share a process (the
/// tests) and the one that set it has stopped, its logger factory is disposed; this provider then gives a silent
/// logger instead of throwing into the others' job submissions.
/// </summary>
public sealed class ProcessSafeLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static Silent Instance { get; } = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception exception) => false;
    }
}
