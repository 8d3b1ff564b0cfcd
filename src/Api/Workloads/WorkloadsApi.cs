using ConcurrencyService.Api.OpenApi;
using ConcurrencyService.Core.Workloads;
using ConcurrencyService.Workloads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConcurrencyService.Api.Workloads;

/// <summary><c>/api/workloads</c>: the catalog.</summary>
public static class WorkloadsApi
{
    public static RouteGroupBuilder MapWorkloadsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/workloads").WithTag("Workloads", "The workload catalog: each workload's parameters with their limits and defaults, and an example.");
        group.MapGet("/", ListWorkloads)
            .WithName("ListWorkloads")
            .WithSummary("List workloads")
            .WithDescription("Every workload this server runs, with its parameters (types, defaults, limits) and an example job request.");
        return group;
    }

    internal static Ok<IReadOnlyList<WorkloadInfo>> ListWorkloads(WorkloadCatalog catalog) =>
        TypedResults.Ok<IReadOnlyList<WorkloadInfo>>([.. catalog.All.Select(WorkloadInfo.From)]);
}
