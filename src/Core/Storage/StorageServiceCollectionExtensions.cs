using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The storage chosen by <c>Storage:Provider</c>: the Redis connection when it is Redis, and its readiness check.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Configure(o => o.RedisConnectionString ??= configuration.GetConnectionString("Redis"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        if (Read(configuration).Provider == StorageProvider.Redis)
        {
            services.AddSingleton(sp => RedisStore.Connect(sp.GetRequiredService<StorageOptions>()));
        }

        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return services;
    }

    /// <summary>The options as configured, for choices made while services are registered.</summary>
    public static StorageOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        options.RedisConnectionString ??= configuration.GetConnectionString("Redis");
        return options;
    }
}
