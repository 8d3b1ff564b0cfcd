using System.Text.Json.Nodes;
using ConcurrencyService.Api.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.OpenApi;

namespace ConcurrencyService.Api.OpenApi;

/// <summary>The OpenAPI document (Swashbuckle) with its filters, and Swagger UI.</summary>
public static class OpenApiExtensions
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ConcurrencyService",
                Version = "v1",
                Description = "Threads or processes for this workload? Submit IO-bound and CPU-bound workloads as jobs on in-process " +
                    "thread workers or worker processes, and read honest timings: queue wait, run time, CPU time from the OS, " +
                    "per-task worker identities and effective parallelism. Jobs are queued with Hangfire: its dashboard, with every job, " +
                    "queue and server, is at [/hangfire](/hangfire) (local requests only).",
            });
            o.SupportNonNullableReferenceTypes();
            o.UseAllOfToExtendReferenceSchemas();
            o.UseAllOfForInheritance();
            o.SchemaFilter<RequiredConstructorParametersFilter>();
            // The advisor's profile kind (CPU-bound, IO-bound, mixed) shares its short name with the catalog's workload kind.
            var schemaIds = o.SchemaGeneratorOptions.SchemaIdSelector;
            o.CustomSchemaIds(type => type == typeof(ConcurrencyService.Experiments.Advice.WorkloadKind) ? "ProfileKind" : schemaIds(type));
            o.OperationFilter<SubmitJobExamplesFilter>();
            o.OperationFilter<SubmitExperimentExamplesFilter>();
            o.OperationFilter<SubmitAdviceExamplesFilter>();
            o.OperationFilter<DocumentedAsFilter>();
            o.OperationFilter<IdempotencyKeyHeaderFilter>();
            o.OperationFilter<ApiKeySecurityFilter>();
            o.DocumentFilter<ReferenceWrapperFilter>();
            o.DocumentFilter<TagDescriptionsFilter>();

            // Relative to the document's own address, so Swagger UI and a generated client call the server that served it,
            // whatever its host and port (5080 with dotnet run, 8080 in the container, a proxy's public address).
            o.AddServer(new OpenApiServer { Url = "/", Description = "The server that serves this document." });
            o.AddSecurityDefinition(ApiKeySecurityFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyValidator.HeaderName,
                Description = "One of the server's Auth:ApiKeys, needed on /api only when the server has keys. `Authorization: Bearer <key>` works too.",
            });

            // Free-form JSON: any value, or an object of any values. Without these, the document would describe
            // JsonNode's own .NET properties (parent, root, options) and a generated client would mirror them.
            o.MapType<JsonNode>(() => new OpenApiSchema());
            o.MapType<JsonObject>(() => new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema() });

            // DoubtsJsonConverter writes the flags as a list of names.
            o.MapType<ConcurrencyService.Experiments.Advice.Doubts>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. Enum.GetValues<ConcurrencyService.Experiments.Advice.Doubts>()
                        .Where(d => d != ConcurrencyService.Experiments.Advice.Doubts.None)
                        .Select(d => (JsonNode)System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(d.ToString()))],
                },
            });
        });
        return services;
    }

    /// <summary>Tags the endpoints with <paramref name="name"/> and gives the tag its description in the OpenAPI document.</summary>
    public static TBuilder WithTag<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return builder.WithTags(name).WithMetadata(new TagDescription(name, description));
    }

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "ConcurrencyService");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                app.Logger.LogInformation("Swagger UI: {Address}/swagger · Hangfire dashboard: {Address}/hangfire", address, address);
            }
        });
        return app;
    }
}
