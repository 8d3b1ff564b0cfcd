namespace ConcurrencyService.Contracts;

/// <summary>Command on an executor's queue: run the job with this id. The job's record holds everything else.</summary>
public sealed record RunJob(Guid JobId, string Executor);
