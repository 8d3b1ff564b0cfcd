namespace ConcurrencyService.Api.Hosting;

/// <summary>
/// A node stopped by a fault must not look like a clean stop: the host's <c>StopHost</c> behaviour ends the process with
/// exit code 0 when a background service fails, which a restart policy (<c>on-failure</c>, systemd's <c>Restart=on-failure</c>)
/// takes for a deliberate stop. After the host has stopped, any background service that ended with an exception makes the
/// exit code 1.
/// </summary>
public static class FaultExitCode
{
    public const int BackgroundServiceFailed = 1;

    /// <summary>Runs the app until it stops, then sets the process's exit code if a background service failed.</summary>
    public static void RunAndReportFaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Taken before the run: the run disposes the service provider when it ends.
        var services = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        app.Run();
        var failed = services.Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        if (failed.Count > 0)
        {
            // The logging pipeline is gone with the provider: straight to stderr, which the orchestrator keeps.
            Console.Error.WriteLine(
                $"The node stopped because {string.Join(", ", failed.Select(s => s.GetType().Name))} failed: " +
                $"{failed[0].ExecuteTask!.Exception?.GetBaseException().Message}; exiting with code {BackgroundServiceFailed}.");
            Environment.ExitCode = BackgroundServiceFailed;
        }
    }
}
