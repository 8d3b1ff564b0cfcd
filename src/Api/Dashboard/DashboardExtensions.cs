namespace ConcurrencyService.Api.Dashboard;

public static class DashboardExtensions
{
    /// <summary>The dashboard's state reader and its sampler of worker processes' CPU.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<ProcessCpu>();
        services.AddSingleton<DashboardStateReader>();
        return services;
    }
}
