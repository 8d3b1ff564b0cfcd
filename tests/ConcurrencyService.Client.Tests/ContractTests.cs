using System.Text.Json.Nodes;
using ConcurrencyService.Client.Generator;
using ConcurrencyService.Testing;

namespace ConcurrencyService.Client.Tests;

/// <summary>
/// The Refit interface is generated from a committed OpenAPI document. These fail when the API and that document
/// drift apart, or the document and the generated interface do; <c>scripts/generate-client.sh</c> brings all three in line.
/// </summary>
public sealed class ContractTests
{
    private const string Regenerate = "Run scripts/generate-client.sh and commit src/Client/openapi.json and src/Client/Generated.";

    [Fact]
    public async Task OpenApiDocument_OfTheRunningApi_IsTheCommittedContract()
    {
        // Default settings: the document a user's server serves (no diagnostic workloads in the examples).
        await using var factory = new ApiFactory();
        using var http = factory.CreateClient();
        var live = JsonNode.Parse(await http.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathOf("src", "Client", "openapi.json")));

        Assert.True(JsonNode.DeepEquals(live, committed), $"The API's OpenAPI document differs from the committed one at {FirstDifference(live, committed, "$")}. {Regenerate}");
    }

    [Fact]
    public async Task GeneratedInterface_IsWhatTheGeneratorMakesOfTheCommittedContract()
    {
        var contract = await File.ReadAllTextAsync(Repository.PathOf("src", "Client", "openapi.json"));

        var fresh = await ClientGenerator.GenerateAsync(contract);

        var committed = await File.ReadAllTextAsync(Repository.PathOf("src", "Client", "Generated", "IConcurrencyServiceApi.g.cs"));
        Assert.True(committed == fresh, $"src/Client/Generated/IConcurrencyServiceApi.g.cs is not what src/Client.Generator makes of src/Client/openapi.json. {Regenerate}");
    }

    [Fact]
    public async Task Interface_HasOneMethodPerOperation_EachTakingACancellationToken()
    {
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathOf("src", "Client", "openapi.json")))!;
        var operations = contract["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => operation.Value!["operationId"]!.GetValue<string>()))
            .ToList();

        var methods = typeof(IConcurrencyServiceApi).GetMethods();

        Assert.Equal(operations.Select(o => o + "Async").Order(), methods.Select(m => m.Name).Order());
        Assert.All(methods, m => Assert.Equal(typeof(CancellationToken), m.GetParameters().Last().ParameterType));
        Assert.All(methods.SelectMany(m => m.GetParameters()).Where(p => p.Name == "id"), p => Assert.Equal(typeof(Guid), p.ParameterType));
    }

    /// <summary>The JSON path of the first difference, so a failure says what changed.</summary>
    private static string FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        if (a is JsonObject x && b is JsonObject y)
        {
            foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
            {
                if (!JsonNode.DeepEquals(x[key], y[key]))
                {
                    return FirstDifference(x[key], y[key], $"{path}.{key}");
                }
            }
        }
        else if (a is JsonArray xs && b is JsonArray ys && xs.Count == ys.Count)
        {
            for (var i = 0; i < xs.Count; i++)
            {
                if (!JsonNode.DeepEquals(xs[i], ys[i]))
                {
                    return FirstDifference(xs[i], ys[i], $"{path}[{i}]");
                }
            }
        }

        return $"{path} (live: {a?.ToJsonString() ?? "absent"}; committed: {b?.ToJsonString() ?? "absent"})";
    }
}
