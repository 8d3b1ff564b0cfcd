using ConcurrencyService.Api.OpenApi;
using ConcurrencyService.Core.Node;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConcurrencyService.Api.Node;

/// <summary><c>/api/nodes</c>: the nodes sharing this service's storage, and which one answered.</summary>
public static class NodesApi
{
    public static RouteGroupBuilder MapNodesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/nodes").WithTag("Nodes", "The nodes serving this cluster, their roles and leases (one node without Redis).");
        group.MapGet("/", GetNodes)
            .WithName("GetNodes")
            .WithSummary("List the live nodes")
            .WithDescription("Every node whose lease in the shared storage is current (with in-memory storage, just this one): its name, " +
                "roles (http: serves the API; workers: runs jobs), machine, process id and start time. `self` names the node that answered.");
        return group;
    }

    private static async Task<Ok<NodeList>> GetNodes(INodeRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(new NodeList(registry.Self, await registry.ListAsync(cancellationToken)));
}

/// <summary>The live nodes, and the name of the one that answered.</summary>
public sealed record NodeList(string Self, IReadOnlyList<NodeInfo> Nodes);
