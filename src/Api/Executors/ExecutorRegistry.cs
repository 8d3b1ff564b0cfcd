using System.Diagnostics.CodeAnalysis;

namespace ConcurrencyService.Api.Executors;

/// <summary>The executors this instance runs. An executor kind absent here is not available.</summary>
public sealed class ExecutorRegistry(IEnumerable<ITaskExecutor> executors)
{
    private readonly Dictionary<ExecutorKind, ITaskExecutor> _byKind = executors.ToDictionary(e => e.Kind);

    public bool TryGet(ExecutorKind kind, [NotNullWhen(true)] out ITaskExecutor? executor) =>
        _byKind.TryGetValue(kind, out executor);
}
