using ConcurrencyService.Api.Security;
using Hangfire;

namespace ConcurrencyService.Api.Queue;

public static class QueueDashboardExtensions
{
    /// <summary>Hangfire's dashboard at <c>/hangfire</c>: local requests only, as Hangfire ships it, or remote ones with an API key.</summary>
    public static IEndpointConventionBuilder MapQueueDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "ConcurrencyService · queues",
            AppPath = "/swagger",
            DisplayStorageConnectionString = false,
            Authorization = [new LocalOrApiKeyDashboardFilter(endpoints.ServiceProvider.GetRequiredService<LocalOrApiKey>())],
        });
    }
}
