using ConcurrencyService.Api.Idempotency;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConcurrencyService.Api.OpenApi;

/// <summary>Lists the optional <c>Idempotency-Key</c> header on the endpoints that honour it, so a generated client can send it.</summary>
public sealed class IdempotencyKeyHeaderFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotencyKeyMetadata>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotentSubmissions.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = "A key of your choosing (a UUID) that makes a retry safe: the same key with the same body answers with the job first accepted " +
                "(same id and Location, header Idempotent-Replayed: true) instead of creating another; with a different body it answers 422. " +
                "Keys are kept as long as the job is retained.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
        });
    }
}
