using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Workloads.Tests;

public sealed class StandardWorkloadsTests
{
    public static TheoryData<string> Names() => [.. StandardWorkloads.All.Select(w => w.Name)];

    [Fact]
    public void All_ListsTheWorkloadsInOrder() =>
        Assert.Equal(
            ["cpu.primes", "cpu.sqrt", "cpu.squares", "cpu.countdown", "cpu.montecarlo", "mixed", "io.sleep", "io.http", "io.file"],
            StandardWorkloads.All.Select(w => w.Name));

    [Fact]
    public void All_BuildsACatalog() =>
        Assert.Equal(9, new WorkloadCatalog(StandardWorkloads.All).All.Count);

    [Theory]
    [MemberData(nameof(Names))]
    public void Workload_KindMatchesItsName(string name)
    {
        var workload = StandardWorkloads.All.Single(w => w.Name == name);

        var expected = name.StartsWith("cpu.", StringComparison.Ordinal) ? WorkloadKind.Cpu
            : name == "mixed" ? WorkloadKind.Mixed
            : WorkloadKind.Io;
        Assert.Equal(expected, workload.Kind);
        Assert.False(string.IsNullOrWhiteSpace(workload.Description));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Workload_EveryNumericParameterIsBounded(string name)
    {
        var workload = StandardWorkloads.All.Single(w => w.Name == name);

        Assert.All(
            workload.Parameters.Where(p => p.Type is ParameterType.Integer or ParameterType.Number),
            p =>
            {
                Assert.NotNull(p.Minimum);
                Assert.NotNull(p.Maximum);
            });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Workload_ExampleBindsWithoutErrors(string name)
    {
        var workload = StandardWorkloads.All.Single(w => w.Name == name);

        // Directly, as built in C# (numbers must be long/double-backed for the binder), and as JSON text, as a request sends it.
        foreach (var example in new[] { workload.Example, JsonNode.Parse(workload.Example.ToJsonString())!.AsObject() })
        {
            var binding = ParameterBinder.Bind(workload, example);

            Assert.True(binding.IsValid, string.Join("; ", binding.Errors.Select(e => $"{e.Key}: {e.Value}")));
        }
    }
}
