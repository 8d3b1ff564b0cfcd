using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Catalog;

namespace ConcurrencyService.Workloads.Tests;

public sealed class PrimesWorkloadTests
{
    [Fact]
    public async Task Primes_Below1000000_Is37550402023()
    {
        using var scratch = new ScratchDirectory();
        var result = await WorkloadRunner.RunAsync(new PrimesWorkload(), """{ "below": 1000000 }""", 3, scratch.Context());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "sum": 37550402023, "count": 78498 }"""), result), result.ToJsonString());
    }

    [Fact]
    public async Task Primes_Below10000000_Is3203324994356()
    {
        using var scratch = new ScratchDirectory();
        var result = await WorkloadRunner.RunAsync(new PrimesWorkload(), """{ "below": 10000000 }""", 2, scratch.Context());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "sum": 3203324994356, "count": 664579 }"""), result), result.ToJsonString());
    }

    [Fact]
    public async Task Primes_BelowDefault_UsesOneMillion()
    {
        using var scratch = new ScratchDirectory();
        var result = await WorkloadRunner.RunAsync(new PrimesWorkload(), "{}", 1, scratch.Context());

        Assert.Equal(37550402023, result["sum"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(25, false)]
    [InlineData(49, false)]
    [InlineData(97, true)]
    [InlineData(-7, false)]
    [InlineData(7919, true)]
    [InlineData(7921, false)]
    [InlineData(99_999_989, true)] // the largest prime below MaxBelow
    [InlineData(99_999_999, false)]
    [InlineData(99_980_001, false)] // 9,999 squared: the loop's last divisor
    public void IsPrime_EdgeCases(int x, bool expected) => Assert.Equal(expected, PrimesWorkload.IsPrime(x));

    [Fact]
    public async Task RunPiece_BeyondMaxBelow_IsRefusedNotOverflowed()
    {
        using var scratch = new ScratchDirectory();
        IWorkload workload = new PrimesWorkload();
        var piece = new PrimesWorkload.Piece(0, PrimesWorkload.MaxBelow + 1);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => workload.RunPieceAsync(piece, scratch.Context(), CancellationToken.None).AsTask());
        Assert.Contains("0..100000000", error.Message, StringComparison.Ordinal);
    }
}
