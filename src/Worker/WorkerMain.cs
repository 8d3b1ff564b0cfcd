using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Http;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Worker;

/// <summary>
/// A worker process: frames in on stdin, frames out on stdout, one task at a time on one dedicated thread.
/// It has no Generic Host, no DI, no configuration and no logging on purpose: it must start in tens of milliseconds.
/// </summary>
public static class WorkerMain
{
    /// <summary>Exit code for a bad command line or a corrupt input stream.</summary>
    public const int UsageExitCode = 2;

    public static int Main(string[] args)
    {
        if (args is [WorkerArguments.VersionFlag])
        {
            // One write on the raw descriptor: no Console writer to set up, so the spawn benchmark's floor is the runtime's start.
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(System.Text.Encoding.UTF8.GetBytes(WorkerArguments.VersionLine + "\n"));
            return 0;
        }

        WorkerArguments arguments;
        IReadOnlyList<IWorkload> plugins;
        try
        {
            arguments = WorkerArguments.Parse(args);
            plugins = WorkerPlugins.Load(arguments.Plugins);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return UsageExitCode;
        }

        // stdout carries the protocol; anything a workload prints goes to stderr, which the host logs.
        var (input, output) = ProtocolStreams.Open();
        IEnumerable<IWorkload> builtIns = arguments.FaultWorkloads ? [.. StandardWorkloads.All, .. DiagnosticWorkloads.All] : StandardWorkloads.All;
        var catalog = new WorkloadCatalog([.. builtIns, .. plugins]);
        var fetcher = new LazyHttpFetcher(() => new AllowlistHttpFetcher(new HttpClient(AllowlistHttpFetcher.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan }, () => arguments.HttpAllowlist, arguments.HttpTimeout));
        var loop = new TaskLoop(catalog, new WorkloadContext(fetcher, Path.GetTempPath()), input, output, arguments.FaultWorkloads);

        // Never disposed: the process ends with Exit (_exit) while the thread may still be running a task.
        var pool = new ThreadWorkerPool(1, "task");
        var running = Task.Factory.StartNew(loop.RunAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, pool).Unwrap();
        running.ContinueWith(
            t => t.IsFaulted
                ? Exit($"the input stream is corrupt or broken: {t.Exception?.GetBaseException().Message}", UsageExitCode)
                : Exit(null, 0),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        // The host closing stdin (a polite stop) or dying: leave at once, even mid-task, so a dead host never leaves
        // an orphan behind. Where hang-up can't be watched, the task loop's end of input does it between tasks.
        if (InputHangup.Wait())
        {
            Exit(null, 0);
        }

        running.Wait();
        return 0;
    }

    private static bool Exit(string? why, int code)
    {
        if (why is not null)
        {
            Console.Error.WriteLine($"worker {Environment.ProcessId}: {why}");
        }

        // The runtime's orderly shutdown (exit handlers, event sources, its own threads) cost a worker ~6 ms of CPU
        // here, spent on the cores where the next spawn-mode worker is starting. A worker has nothing to flush: frames
        // go out unbuffered, one write each, and Console.Error flushes every line.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Libc.ExitNow(code);
        }

        Environment.Exit(code);
        return true;
    }
}
