using System.Reflection;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConcurrencyService.Api.OpenApi;

/// <summary>Gives parameters marked <see cref="DocumentedAsAttribute"/> the schema of their documented type.</summary>
public sealed class DocumentedAsFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var description in context.ApiDescription.ParameterDescriptions)
        {
            var documentedAs = (description.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo.GetCustomAttribute<DocumentedAsAttribute>();
            if (documentedAs is null
                || operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == description.Name) is not { } parameter)
            {
                continue;
            }

            parameter.Schema = context.SchemaGenerator.GenerateSchema(documentedAs.Type, context.SchemaRepository);
        }
    }
}
