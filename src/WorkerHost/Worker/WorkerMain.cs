using System.Threading.Channels;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Http;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Worker;

/// <summary>
/// A worker process: frames in on stdin, frames out on stdout, one task at a time on one dedicated thread.
/// It has no Generic Host on purpose: it must start in tens of milliseconds.
/// </summary>
public static class WorkerMain
{
    /// <summary>Exit code for a bad command line or a corrupt input stream.</summary>
    public const int UsageExitCode = 2;

    public static int Run(string[] args)
    {
        // stdout carries the protocol; anything a workload prints goes to stderr, which the host logs.
        var output = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);

        WorkerArguments arguments;
        try
        {
            arguments = WorkerArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return UsageExitCode;
        }

        var catalog = new WorkloadCatalog(arguments.FaultWorkloads ? [.. StandardWorkloads.All, .. DiagnosticWorkloads.All] : StandardWorkloads.All);
        var fetcher = new LazyHttpFetcher(() => new AllowlistHttpFetcher(new HttpClient(AllowlistHttpFetcher.CreateHandler()), () => arguments.HttpAllowlist));
        var loop = new TaskLoop(catalog, new WorkloadContext(fetcher, Path.GetTempPath()), output, arguments.FaultWorkloads);
        var tasks = Channel.CreateUnbounded<RunTaskMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        // Never disposed: the process ends with Environment.Exit while the thread may still be running a task.
        var pool = new ThreadWorkerPool(1, "task");
        var running = Task.Factory.StartNew(() => loop.RunAsync(tasks.Reader), CancellationToken.None, TaskCreationOptions.DenyChildAttach, pool).Unwrap();
        running.ContinueWith(
            t => Exit($"the task loop failed: {t.Exception?.GetBaseException().Message}", 1),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);

        ReadFrames(Console.OpenStandardInput(), tasks.Writer);

        // End of stdin: the host closed it (a polite stop) or died. Either way leave at once, even mid-task, so a
        // dead host never leaves an orphan behind.
        Environment.Exit(0);
        return 0;
    }

    private static void ReadFrames(Stream input, ChannelWriter<RunTaskMessage> tasks)
    {
        try
        {
            while (Frames.Read(input) is { } frame)
            {
                if (frame.Type == FrameType.RunTask)
                {
                    tasks.TryWrite(frame.Read<RunTaskMessage>());
                }
                else
                {
                    Console.Error.WriteLine($"worker {Environment.ProcessId}: ignoring an unexpected {frame.Type} frame");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            Exit($"the input stream is corrupt or broken: {ex.Message}", UsageExitCode);
        }
    }

    private static void Exit(string why, int code)
    {
        Console.Error.WriteLine($"worker {Environment.ProcessId}: {why}");
        Environment.Exit(code);
    }
}
