using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;

namespace ConcurrencyService.Core.Queue;

/// <summary>Names a queue entry in Hangfire's dashboard after its ticket (<c>cpu.primes ×4 on threads</c>), not its method.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TicketDisplayNameAttribute() : JobDisplayNameAttribute("{0}")
{
    public override string Format(DashboardContext context, Job job) =>
        job?.Args is [IQueueTicket ticket, ..] ? ticket.DisplayName() : base.Format(context, job!);
}
