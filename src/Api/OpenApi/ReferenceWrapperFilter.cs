using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConcurrencyService.Api.OpenApi;

/// <summary>
/// Tidies the <c>allOf</c> wrapper Swashbuckle puts around every property that refers to another schema
/// (<c>UseAllOfToExtendReferenceSchemas</c>). In OpenAPI 3.0 a <c>$ref</c> cannot carry siblings, so the wrapper is how a
/// reference gets <c>nullable</c> or a description; one that carries neither becomes the plain reference, and a nullable
/// one gets the <c>type</c> of the schema it wraps, without which <c>nullable</c> is invalid in 3.0 (and the response
/// examples with a <c>null</c> there fail validation).
/// </summary>
public sealed class ReferenceWrapperFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            Tidy(schema, schemas);
        }
    }

    private static void Tidy(OpenApiSchema schema, IDictionary<string, IOpenApiSchema> schemas)
    {
        if (schema.Properties is { } properties)
        {
            foreach (var name in properties.Keys.ToList())
            {
                properties[name] = Tidied(properties[name], schemas);
            }
        }

        if (schema.Items is not null)
        {
            schema.Items = Tidied(schema.Items, schemas);
        }
    }

    private static IOpenApiSchema Tidied(IOpenApiSchema property, IDictionary<string, IOpenApiSchema> schemas)
    {
        if (property is not OpenApiSchema wrapper)
        {
            return property;
        }

        if (wrapper.AllOf is not [OpenApiSchemaReference reference])
        {
            Tidy(wrapper, schemas);
            return property;
        }

        var nullable = wrapper.Type is { } type && type.HasFlag(JsonSchemaType.Null);
        if (!nullable && string.IsNullOrEmpty(wrapper.Description) && wrapper.Default is null && wrapper.Example is null && !wrapper.ReadOnly && !wrapper.WriteOnly)
        {
            return reference;
        }

        if (nullable && reference.Reference.Id is { } id && schemas.TryGetValue(id, out var target) && target.Type is { } targetType)
        {
            wrapper.Type = (targetType & ~JsonSchemaType.Null) | JsonSchemaType.Null;
        }

        return wrapper;
    }
}
