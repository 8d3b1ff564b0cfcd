using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcurrencyService.Api.Idempotency;

public static class IdempotencyExtensions
{
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdempotentSubmissions>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Marks a submission endpoint as taking <c>Idempotency-Key</c>: the OpenAPI document lists the header and the 422.</summary>
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotencyKeyMetadata()).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
