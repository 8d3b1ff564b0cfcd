using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Workloads.Tests;

public sealed class ParameterBinderTests
{
    public static TheoryData<string, string, string> InvalidCases() => new()
    {
        { "cpu.primes", """{ "below": 10, "nope": 1 }""", "nope" },
        { "io.http", "{}", "url" },
        { "cpu.primes", """{ "below": "100" }""", "below" },
        { "cpu.primes", """{ "below": 1.5 }""", "below" },
        { "cpu.primes", """{ "below": 100000001 }""", "below" },
        { "cpu.primes", """{ "below": -1 }""", "below" },
        { "io.http", """{ "url": null }""", "url" },
        { "cpu.montecarlo", """{ "spot": true }""", "spot" },
        { "cpu.montecarlo", """{ "volatility": 0 }""", "volatility" },
        { "io.sleep", """{ "ms": 600001 }""", "ms" },
        { "io.http", """{ "url": "ftp://example.com/file" }""", "url" },
        { "io.http", """{ "url": "not a url" }""", "url" },
        { "io.http", """{ "url": 5 }""", "url" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Bind_InvalidInput_GivesOneErrorNamingTheParameter(string workloadName, string json, string parameter)
    {
        var workload = StandardWorkloads.All.Single(w => w.Name == workloadName);

        var binding = ParameterBinder.Bind(workload, JsonNode.Parse(json)!.AsObject());

        Assert.False(binding.IsValid);
        var error = Assert.Single(binding.Errors);
        Assert.Equal(parameter, error.Key);
        Assert.Contains($"'{parameter}'", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_NoObject_UsesEveryDefault()
    {
        var binding = ParameterBinder.Bind(new PrimesWorkload(), null);

        Assert.True(binding.IsValid);
        Assert.Equal(1_000_000, binding.Values!.GetInt64("below"));
    }

    [Fact]
    public void Bind_EmptyObject_FillsEveryDefault()
    {
        var binding = ParameterBinder.Bind(new MonteCarloWorkload(), []);

        Assert.True(binding.IsValid);
        var expected = JsonNode.Parse(
            """{ "paths": 1000000, "rate": 0.05, "seed": 42, "spot": 100, "strike": 100, "volatility": 0.2, "years": 1 }""");
        Assert.True(JsonNode.DeepEquals(expected, binding.Values!.ToJson()), binding.Values!.ToJson().ToJsonString());
    }

    [Fact]
    public void Bind_GivenValues_OverrideDefaults()
    {
        var binding = ParameterBinder.Bind(new MonteCarloWorkload(), JsonNode.Parse("""{ "paths": 5, "rate": -0.1 }""")!.AsObject());

        Assert.True(binding.IsValid);
        Assert.Equal(5, binding.Values!.GetInt64("paths"));
        Assert.Equal(-0.1, binding.Values.GetDouble("rate"));
        Assert.Equal(100, binding.Values.GetDouble("spot"));
    }

    [Fact]
    public void Bind_IntegerForNumber_IsAccepted()
    {
        var binding = ParameterBinder.Bind(new MonteCarloWorkload(), JsonNode.Parse("""{ "years": 2 }""")!.AsObject());

        Assert.True(binding.IsValid);
        Assert.Equal(2.0, binding.Values!.GetDouble("years"));
    }
}
