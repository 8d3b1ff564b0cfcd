using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Http;

namespace ConcurrencyService.Benchmarks;

/// <summary>Runs a piece on a thread-worker pool exactly as the API's thread executor does.</summary>
public static class InProcess
{
    public static WorkloadContext Context { get; } = new(new AllowlistHttpFetcher(new HttpClient(), () => []), Path.GetTempPath());

    public static Task<PieceResult<object>> RunAsync(ThreadWorkerPool pool, IWorkload workload, object piece) =>
        Task.Factory.StartNew(
            () => PieceRunner.RunAsync(workload, piece, Context, null, CancellationToken.None),
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            pool).Unwrap();
}
