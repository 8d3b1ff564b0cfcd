using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConcurrencyService.Api.OpenApi;

/// <summary>Example requests for <c>SubmitAdvice</c>, so Swagger UI's "Try it out" starts from one that runs within its budget.</summary>
public sealed class SubmitAdviceExamplesFilter : IOperationFilter
{
    private static readonly (string Name, string Summary, string Json)[] Examples =
    [
        ("primes", "CPU-bound: the primes below 1,000,000 (the defaults), 30 s budget", """{"workload":"cpu.primes","budgetSeconds":30}"""),
        ("sleeps", "IO-bound: 100 ms sleeps, 20 s budget", """{"workload":"io.sleep","parameters":{"ms":100},"budgetSeconds":20}"""),
    ];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.OperationId != "SubmitAdvice" || operation.RequestBody?.Content is not { } content
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
