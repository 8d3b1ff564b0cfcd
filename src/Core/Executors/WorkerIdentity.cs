namespace ConcurrencyService.Core.Executors;

/// <summary>Which worker ran a task: its name, and the OS process and thread ids it ran on (the thread id is null until the worker reports it).</summary>
public sealed record WorkerIdentity(string Name, int ProcessId, long? ThreadId);
