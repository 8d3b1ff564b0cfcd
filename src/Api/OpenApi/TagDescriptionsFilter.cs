using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConcurrencyService.Api.OpenApi;

/// <summary>
/// Lists, at the top of the document, every tag the operations use, with the description its endpoints declare
/// (<see cref="OpenApiExtensions.WithTag{TBuilder}"/>), so Swagger UI and other readers can say what each group is for.
/// </summary>
public sealed class TagDescriptionsFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        ArgumentNullException.ThrowIfNull(context);
        var descriptions = context.ApiDescriptions
            .SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<TagDescription>())
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Description, StringComparer.Ordinal);
        var used = (swaggerDoc.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>())
            .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? Enumerable.Empty<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        swaggerDoc.Tags ??= new HashSet<OpenApiTag>();
        foreach (var name in used.Where(name => swaggerDoc.Tags.All(t => t.Name != name)))
        {
            swaggerDoc.Tags.Add(new OpenApiTag { Name = name });
        }

        foreach (var tag in swaggerDoc.Tags.Where(t => string.IsNullOrEmpty(t.Description) && t.Name is not null))
        {
            tag.Description = descriptions.GetValueOrDefault(tag.Name!);
        }
    }
}
