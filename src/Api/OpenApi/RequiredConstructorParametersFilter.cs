using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConcurrencyService.Api.OpenApi;

/// <summary>
/// Marks as required the properties a record's constructor takes without a default: the server always sends them
/// (responses) or needs them (requests). Optional constructor parameters and init-only extras stay optional, so a
/// generated client knows which fields it can rely on.
/// </summary>
public sealed class RequiredConstructorParametersFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (schema is not OpenApiSchema { Properties.Count: > 0 } target)
        {
            return;
        }

        var constructor = context.Type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        foreach (var parameter in constructor?.GetParameters() ?? [])
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            if (!parameter.HasDefaultValue && target.Properties.ContainsKey(name))
            {
                target.Required ??= new SortedSet<string>(StringComparer.Ordinal);
                target.Required.Add(name);
            }
        }
    }
}
