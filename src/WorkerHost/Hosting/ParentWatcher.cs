using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.WorkerHost.Hosting;

/// <summary>In embedded mode, ends the host when the process that started it is gone (it may have been SIGKILLed and told no one).</summary>
public sealed class ParentWatcher(IOptions<WorkerHostOptions> options, HostExit exit) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parent = options.Value.ParentProcessId;
        if (parent <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (!ProcessLiveness.IsAlive(parent))
            {
                exit.Exit($"parent process {parent} is gone");
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
