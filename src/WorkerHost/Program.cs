using ConcurrencyService.WorkerHost.Hosting;
using ConcurrencyService.WorkerHost.Worker;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost;

/// <summary>
/// One executable, two roles. The worker role must not load the Generic Host (it starts often and should start
/// fast), so each role lives behind its own method and only the chosen one is ever JIT-compiled. A named class
/// rather than top-level statements: the API references this project, and two global <c>Program</c> types clash.
/// </summary>
public static class WorkerHostProgram
{
    public static async Task<int> Main(string[] args) =>
        args is [WorkerArguments.Verb, ..]
            ? WorkerMain.Run(args[1..])
            : await HostMain.RunAsync(args);
}
