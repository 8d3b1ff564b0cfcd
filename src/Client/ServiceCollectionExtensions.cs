using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Client;

/// <summary>Registers <see cref="IConcurrencyServiceClient"/> with the dependency-injection container.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConcurrencyServiceClient"/> as a typed client of <see cref="IHttpClientFactory"/> for the
    /// service at <paramref name="baseAddress"/>, with retries that honour <c>Retry-After</c> (see
    /// <see cref="ConcurrencyServiceClientOptions"/>).
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="baseAddress">The service's root, e.g. <c>http://localhost:5080</c>.</param>
    /// <param name="configure">Optional changes to the retry and wait settings.</param>
    /// <returns>The HTTP client's builder, to add handlers or change its primary handler.</returns>
    public static IHttpClientBuilder AddConcurrencyServiceClient(
        this IServiceCollection services, Uri baseAddress, Action<ConcurrencyServiceClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"The base address must be absolute, e.g. http://localhost:5080; got '{baseAddress}'.", nameof(baseAddress));
        }

        // The generated client uses paths relative to the base ("api/jobs"); without a trailing slash the last
        // segment of a base such as http://host/prefix would be dropped.
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        var options = services.AddOptions<ConcurrencyServiceClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MaxRetryAttempts >= 0, "MaxRetryAttempts must be 0 or more.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero, "RetryDelay must be positive.")
            .Validate(o => o.RequestTimeout > ConcurrencyServiceClientExtensions.DefaultLongPoll, "RequestTimeout must exceed the 30 s long-poll, or every wait would time out.");

        services.AddTransient<RetryHandler>();
        return services
            .AddHttpClient<IConcurrencyServiceClient, ConcurrencyServiceClient>((provider, client) =>
            {
                var settings = provider.GetRequiredService<IOptions<ConcurrencyServiceClientOptions>>().Value;
                client.BaseAddress = root;
                client.Timeout = settings.RequestTimeout;
                if (!string.IsNullOrEmpty(settings.ApiKey))
                {
                    client.DefaultRequestHeaders.Add("X-Api-Key", settings.ApiKey);
                }
            })
            .AddHttpMessageHandler<RetryHandler>();
    }
}
