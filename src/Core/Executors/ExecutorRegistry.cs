using System.Diagnostics.CodeAnalysis;
using ConcurrencyService.Core.Executors.Processes;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Executors;

/// <summary>The executors this instance runs. An executor kind absent here is not available.</summary>
public sealed class ExecutorRegistry(IEnumerable<ITaskExecutor> executors, IOptions<ProcessesExecutorOptions> processes)
{
    private readonly Dictionary<ExecutorKind, ITaskExecutor> _byKind = executors.ToDictionary(e => e.Kind);

    /// <summary>
    /// Whether the service offers the executor: jobs for it are accepted on any node, including an API-only one that runs
    /// neither. Threads always; processes unless <c>Executors:Processes:Enabled</c> is false.
    /// </summary>
    public bool Offers(ExecutorKind kind) => kind == ExecutorKind.Threads || processes.Value.Enabled;

    public bool TryGet(ExecutorKind kind, [NotNullWhen(true)] out ITaskExecutor? executor) =>
        _byKind.TryGetValue(kind, out executor);
}
