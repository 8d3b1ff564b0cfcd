using Hangfire;

namespace ConcurrencyService.Core.Queue;

/// <summary>
/// Activates queued runs from this app's container without a scope per job: the runs and their handlers are
/// singletons, and a scope per trivial job would be measurable overhead.
/// </summary>
public sealed class ServiceProviderJobActivator(IServiceProvider services) : JobActivator
{
    public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
}
