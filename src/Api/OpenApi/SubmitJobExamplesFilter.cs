using ConcurrencyService.Api.Workloads;
using ConcurrencyService.Core.Workloads;
using ConcurrencyService.Workloads;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConcurrencyService.Api.OpenApi;

/// <summary>Adds one example request per workload to <c>SubmitJob</c>, so Swagger UI offers each in a drop-down.</summary>
public sealed class SubmitJobExamplesFilter(WorkloadCatalog catalog) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.OperationId != "SubmitJob" || operation.RequestBody?.Content is not { } content
            || !content.TryGetValue("application/json", out var json))
        {
            return;
        }

        json.Examples ??= new Dictionary<string, IOpenApiExample>();
        foreach (var workload in catalog.All)
        {
            json.Examples[workload.Name] = new OpenApiExample
            {
                Summary = workload.Name,
                Description = workload.Description,
                Value = WorkloadInfo.ExampleRequest(workload),
            };
        }
    }
}
