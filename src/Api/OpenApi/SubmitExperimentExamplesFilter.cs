using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConcurrencyService.Api.OpenApi;

/// <summary>Example requests for <c>SubmitExperiment</c>, so Swagger UI's "Try it out" starts from one that runs.</summary>
public sealed class SubmitExperimentExamplesFilter : IOperationFilter
{
    private static readonly (string Name, string Summary, string Json)[] Examples =
    [
        ("primes", "The primes below 1,000,000 on threads, threads under the GIL and processes",
            """{"workload":"cpu.primes","parameters":{"below":1000000},"executors":["sequential","threads","threads+gil","processes"],"workers":[1,2,4],"repetitions":3}"""),
        ("sqrt-per-worker", "4,000,000 square roots per worker (weak scaling: throughput)",
            """{"workload":"cpu.sqrt","parameters":{"count":4000000},"executors":["threads","threads+gil","processes"],"workers":[1,2],"repetitions":3,"scaling":"weak"}"""),
        ("sleeps", "Ten 0.5 s sleeps on 1, 2 and 5 workers",
            """{"workload":"io.sleep","parameters":{"ms":500},"executors":["sequential","threads","processes"],"workers":[1,2,5],"repetitions":1,"tasks":10}"""),
    ];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.OperationId != "SubmitExperiment" || operation.RequestBody?.Content is not { } content
            || !content.TryGetValue("application/json", out var json))
        {
            return;
        }

        json.Examples ??= new Dictionary<string, IOpenApiExample>();
        foreach (var (name, summary, body) in Examples)
        {
            json.Examples[name] = new OpenApiExample { Summary = summary, Value = JsonNode.Parse(body) };
        }
    }
}
