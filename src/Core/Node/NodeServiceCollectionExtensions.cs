using ConcurrencyService.Core.Storage;

namespace ConcurrencyService.Core.Node;

public static class NodeServiceCollectionExtensions
{
    /// <summary>This node's name and roles, and the registry of live nodes (a Redis lease per node, or just this one in memory).</summary>
    public static IServiceCollection AddNode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NodeOptions>().Bind(configuration.GetSection(NodeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        if (StorageServiceCollectionExtensions.Read(configuration).Provider == StorageProvider.Redis)
        {
            services.AddSingleton<RedisNodeRegistry>();
            services.AddSingleton<INodeRegistry>(sp => sp.GetRequiredService<RedisNodeRegistry>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisNodeRegistry>());
        }
        else
        {
            services.AddSingleton<INodeRegistry, LocalNodeRegistry>();
        }

        return services;
    }

    /// <summary>The roles as configured, for choices made while services are registered.</summary>
    public static NodeOptions ReadNode(this IConfiguration configuration) =>
        configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
}
