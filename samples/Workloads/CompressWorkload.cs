using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ConcurrencyService.Workloads;

namespace ConcurrencyService.Samples.Workloads;

/// <summary>
/// <c>samples.compress</c>: log archiving on the framework alone. Each block is a mebibyte of generated log lines
/// (seeded by the block's index, so every run compresses the same text), Brotli-compressed at the chosen quality, and
/// the compressed bytes are SHA-256 hashed as an archive's manifest would.
/// </summary>
public sealed class CompressWorkload : Workload<CompressWorkload.Parameters, CompressWorkload.Piece, CompressWorkload.Output>
{
    private const int BlockBytes = 1 << 20;

    public override string Name => "samples.compress";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description =>
        "Brotli-compresses `blocks` MiB of generated log lines at `quality` and SHA-256-hashes each compressed block (System.IO.Compression, System.Security.Cryptography).";

    public override Parameters Example => new(Blocks: 16, Quality: 5);

    public override IReadOnlyList<Piece> Split(Parameters parameters, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Piece(parameters.Blocks * i / count, parameters.Blocks * (i + 1) / count, parameters.Quality))];

    public override ValueTask<Output> RunAsync(Piece piece, PieceContext context, CancellationToken cancellationToken)
    {
        long compressed = 0;
        var digests = new List<string>(piece.To - piece.From);
        byte[]? compressedBlock = null; // a mebibyte: allocated only for a piece with blocks
        for (var block = piece.From; block < piece.To; block++)
        {
            context.Checkpoint(cancellationToken);
            var text = Logs(block);
            compressedBlock ??= new byte[BrotliEncoder.GetMaxCompressedLength(BlockBytes)];
            if (!BrotliEncoder.TryCompress(text, compressedBlock, out var written, piece.Quality, window: 22))
            {
                throw new InvalidOperationException($"Block {block} did not fit its compression buffer.");
            }

            compressed += written;
            digests.Add(Convert.ToHexStringLower(SHA256.HashData(compressedBlock.AsSpan(0, written))));
        }

        return ValueTask.FromResult(new Output(piece.To - piece.From, (long)(piece.To - piece.From) * BlockBytes, compressed, digests));
    }

    public override Output Combine(Parameters parameters, IReadOnlyList<Output> outputs) =>
        new(outputs.Sum(o => o.Blocks), outputs.Sum(o => o.InputBytes), outputs.Sum(o => o.CompressedBytes), [.. outputs.SelectMany(o => o.BlockSha256)]);

    /// <summary>A mebibyte of log lines, the same for the same block index.</summary>
    private static byte[] Logs(int block)
    {
        string[] levels = ["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"];
        string[] paths = ["/api/orders", "/api/orders/{id}", "/api/customers", "/health", "/api/invoices/{id}/pdf"];
        var random = new Random(block);
        var text = new StringBuilder(BlockBytes + 200);
        var second = block * 3600L;
        while (text.Length < BlockBytes)
        {
            second += random.Next(0, 3);
            text.Append(DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + second).ToString("O", System.Globalization.CultureInfo.InvariantCulture))
                .Append(' ').Append(levels[random.Next(levels.Length)])
                .Append(" GET ").Append(paths[random.Next(paths.Length)])
                .Append(" status=").Append(random.Next(10) == 0 ? 500 : 200)
                .Append(" ms=").Append(random.Next(1, 900))
                .Append(" user=u").Append(random.Next(1, 5000))
                .Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, BlockBytes));
    }

    /// <summary>The job's parameters.</summary>
    public sealed record Parameters(
        [property: Description("How many 1 MiB blocks of log lines to compress.")][property: Range(1, 4096)] int Blocks = 16,
        [property: Description("Brotli quality, 0 (fastest) to 11 (smallest).")][property: Range(0, 11)] int Quality = 5);

    /// <summary>Blocks [From, To) of the job.</summary>
    public sealed record Piece(int From, int To, int Quality);

    /// <summary>Sizes before and after, and each compressed block's SHA-256 in block order.</summary>
    public sealed record Output(long Blocks, long InputBytes, long CompressedBytes, IReadOnlyList<string> BlockSha256);
}
