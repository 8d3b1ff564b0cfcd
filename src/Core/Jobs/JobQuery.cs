using ConcurrencyService.Core.Executors;

namespace ConcurrencyService.Core.Jobs;

/// <summary>Filters and paging for listing jobs. Null filters match everything; pages count from 1.</summary>
public sealed record JobQuery(JobStatus? Status, string? Workload, ExecutorKind? Executor, int Page, int PageSize);
