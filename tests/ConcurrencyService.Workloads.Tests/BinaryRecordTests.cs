using System.Text.Json;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Http;

namespace ConcurrencyService.Workloads.Tests;

/// <summary>
/// A worker process gets its piece and returns its output in binary form (<see cref="IBinaryRecord{TSelf}"/>): the API
/// must read back exactly what the JSON path gives, for every workload, or a number in a result would be wrong.
/// </summary>
public sealed class BinaryRecordTests
{
    public static TheoryData<string> Workloads() => [.. SplitInvarianceTests.Parameters.Keys];

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task EncodedPiece_RunInBinary_GivesTheJsonPathsOutput(string workloadName)
    {
        using var scratch = new ScratchDirectory();
        await using var server = new LoopbackServer();
        using var client = new HttpClient(AllowlistHttpFetcher.CreateHandler());
        var context = scratch.Context(new AllowlistHttpFetcher(client, () => [server.Url("api/echo/")]));
        var workload = StandardWorkloads.All.Single(w => w.Name == workloadName);
        var values = WorkloadRunner.Bind(workload, SplitInvarianceTests.Parameters[workloadName].Replace("{server}", server.BaseAddress.ToString(), StringComparison.Ordinal));

        foreach (var piece in workload.Split(values, 3))
        {
            var typed = await workload.RunPieceAsync(piece, context, CancellationToken.None);
            var binary = await workload.RunEncodedPieceAsync(workload.EncodePiece(piece), context, CancellationToken.None);

            // As JSON: records holding lists compare by reference.
            Assert.Equal(JsonSerializer.Serialize(typed, WorkloadJson.Options), JsonSerializer.Serialize(workload.DecodeOutput(binary), WorkloadJson.Options));
        }
    }

    [Fact]
    public void DiagnosticPieces_RoundTrip()
    {
        Assert.Equal(new CrashWorkload.Args("stack-overflow"), BinaryRecord.Decode<CrashWorkload.Args>(BinaryRecord.Encode(new CrashWorkload.Args("stack-overflow")), "debug.crash", "piece"));
        Assert.Equal(new HangWorkload.Args(1234), BinaryRecord.Decode<HangWorkload.Args>(BinaryRecord.Encode(new HangWorkload.Args(1234)), "debug.hang", "piece"));
    }

    [Fact]
    public void MonteCarloOutput_KeepsEveryDoubleBitForBit()
    {
        double[] sums = [0.1 + 0.2, -0.0, double.Epsilon, 1e308, Math.PI];
        var back = BinaryRecord.Decode<MonteCarloWorkload.Output>(BinaryRecord.Encode(new MonteCarloWorkload.Output(3, sums, [.. sums.Reverse()])), "cpu.montecarlo", "output");

        Assert.Equal(3, back.FirstBlock);
        Assert.Equal(sums.Select(BitConverter.DoubleToInt64Bits), back.BlockSums.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(sums.Reverse().Select(BitConverter.DoubleToInt64Bits), back.BlockSquareSums.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 5, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 42 })]
    public async Task EncodedPiece_ThatIsNotOne_IsRefusedNamingTheWorkload(byte[] bytes)
    {
        IWorkload primes = new PrimesWorkload();
        using var scratch = new ScratchDirectory();

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await primes.RunEncodedPieceAsync(bytes, scratch.Context(), CancellationToken.None));
        Assert.Contains("cpu.primes piece", error.Message, StringComparison.Ordinal);
    }
}
