using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace ConcurrencyService.Client;

/// <summary>Registers <see cref="IConcurrencyServiceApi"/> with the dependency-injection container.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConcurrencyServiceApi"/>, Refit's source-generated implementation, as a typed client of
    /// <see cref="IHttpClientFactory"/> for the service at <paramref name="baseAddress"/>: error answers become
    /// <see cref="ConcurrencyServiceException"/>, submissions carry an <c>Idempotency-Key</c>, and a
    /// Microsoft.Extensions.Http.Resilience retry honours <c>Retry-After</c> (see <see cref="ConcurrencyServiceClientOptions"/>).
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

        var options = services.AddOptions<ConcurrencyServiceClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MaxRetryAttempts >= 0, "MaxRetryAttempts must be 0 or more.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero, "RetryDelay must be positive.")
            .Validate(o => o.MaxRetryAfter >= TimeSpan.Zero, "MaxRetryAfter must be 0 or more.")
            .Validate(o => o.RequestTimeout > ConcurrencyServiceApiExtensions.DefaultLongPoll, "RequestTimeout must exceed the 30 s long-poll, or every wait would time out.");

        var builder = services
            .AddRefitGeneratedClient<IConcurrencyServiceApi>(_ => CreateRefitSettings())
            .ConfigureHttpClient((provider, client) =>
            {
                var settings = provider.GetRequiredService<IOptions<ConcurrencyServiceClientOptions>>().Value;
                client.BaseAddress = baseAddress;
                client.Timeout = settings.RequestTimeout;
                if (!string.IsNullOrEmpty(settings.ApiKey))
                {
                    client.DefaultRequestHeaders.Add("X-Api-Key", settings.ApiKey);
                }
            })
            .AddHttpMessageHandler(() => new IdempotencyKeyHandler());
        builder.AddResilienceHandler("retry", (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<ConcurrencyServiceClientOptions>>().Value;
            if (settings.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(RetryPolicy.Options(settings));
            }
        });
        return builder;
    }

    /// <summary>
    /// Refit's settings for this service: error answers read into <see cref="ConcurrencyServiceException"/>; a request
    /// that got no answer throws its own exception (e.g. <see cref="HttpRequestException"/>) rather than Refit's wrapper.
    /// </summary>
    /// <returns>New settings.</returns>
    public static RefitSettings CreateRefitSettings()
    {
        var settings = new RefitSettings();
        settings.ExceptionFactory = response => ConcurrencyServiceException.CreateAsync(response, settings);
        settings.TransportExceptionFactory = (_, exception, _) => exception;
        return settings;
    }
}
