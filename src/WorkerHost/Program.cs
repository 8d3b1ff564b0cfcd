using ConcurrencyService.WorkerHost.Hosting;

namespace ConcurrencyService.WorkerHost;

/// <summary>
/// The worker host. A named class rather than top-level statements: the API references this project, and two global
/// <c>Program</c> types clash. Its workers are a separate executable (ConcurrencyService.Worker) that never loads the
/// Generic Host.
/// </summary>
public static class WorkerHostProgram
{
    public static Task<int> Main(string[] args) => HostMain.RunAsync(args);
}
