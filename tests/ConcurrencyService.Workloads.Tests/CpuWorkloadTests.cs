using ConcurrencyService.Workloads.Catalog;

namespace ConcurrencyService.Workloads.Tests;

public sealed class CpuWorkloadTests
{
    [Fact]
    public async Task Sqrt_Sum_EqualsDirectInt128Computation()
    {
        const long count = 1_000_003;
        Int128 acc = 0;
        double naive = 0;
        for (long i = 0; i < count; i++)
        {
            acc += (long)(Math.Sqrt(i) * 4294967296.0);
            naive += Math.Sqrt(i);
        }

        using var scratch = new ScratchDirectory();
        var result = await WorkloadRunner.RunAsync(new SqrtWorkload(), $$"""{ "count": {{count}} }""", 3, scratch.Context());

        Assert.Equal(count, result["count"]!.GetValue<long>());
        Assert.Equal((double)acc / 4294967296.0, result["sum"]!.GetValue<double>());
        // Truncating each root to 2^-32 loses less than count·2^-32 ≈ 2.3e-4 in all; the naive sum has rounding errors of its own.
        Assert.Equal(naive, result["sum"]!.GetValue<double>(), 1e-2);
    }

    [Fact]
    public async Task Sqrt_ZeroCount_SumsToZero()
    {
        using var scratch = new ScratchDirectory();
        var result = await WorkloadRunner.RunAsync(new SqrtWorkload(), """{ "count": 0 }""", 3, scratch.Context());

        Assert.Equal("""{"count":0,"sum":0}""", result.ToJsonString());
    }

    [Fact]
    public async Task Squares_Checksum_EqualsDirectComputation()
    {
        const long iterations = 100_003;
        long checksum = 0;
        for (long i = 0; i < iterations; i++)
        {
            checksum = unchecked(checksum + (i * i) + ((i * i) + 1));
        }

        using var scratch = new ScratchDirectory();
        var result = await WorkloadRunner.RunAsync(new SquaresWorkload(), $$"""{ "iterations": {{iterations}} }""", 7, scratch.Context());

        Assert.Equal(iterations, result["iterations"]!.GetValue<long>());
        Assert.Equal(checksum, result["checksum"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 16)]
    [InlineData(10_000_019, 7)]
    public async Task Countdown_Steps_EqualFrom(long from, int tasks)
    {
        using var scratch = new ScratchDirectory();
        var result = await WorkloadRunner.RunAsync(new CountdownWorkload(), $$"""{ "from": {{from}} }""", tasks, scratch.Context());

        Assert.Equal(from, result["steps"]!.GetValue<long>());
    }

    [Fact]
    public async Task Countdown_CancelledToken_Throws()
    {
        IWorkload workload = new CountdownWorkload();
        var values = WorkloadRunner.Bind(workload, """{ "from": 10000000000 }""");
        var piece = workload.Split(values, 1)[0];
        using var scratch = new ScratchDirectory();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await workload.RunPieceAsync(piece, scratch.Context(), new CancellationToken(canceled: true)));
    }
}
