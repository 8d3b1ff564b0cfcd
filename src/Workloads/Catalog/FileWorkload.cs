using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// <c>io.file</c>: write <c>bytes</c> of known content to a new file in the host's scratch folder, flush it to disk,
/// read it back and check it, then delete the file. Streams in <see cref="ChunkSize"/> chunks, so memory stays small
/// whatever the size. Every piece is an independent round trip.
/// </summary>
public sealed class FileWorkload : BuiltInWorkload<FileWorkload.Args, FileWorkload.Piece, FileWorkload.Output>
{
    public const long MaxBytes = 1L << 30;

    public const int ChunkSize = 64 * 1024;

    /// <summary>The byte at offset p is p mod 251; a prime period never lines up with the chunks.</summary>
    private const int Period = 251;

    public override string Name => "io.file";

    public override WorkloadKind Kind => WorkloadKind.Io;

    public override string Description =>
        "Write `bytes` to a temporary file, flush it to disk, read it back and verify it, then delete it; each task does its own file.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Integer("bytes", "Size of each task's file in bytes (at most 1 GiB).", 0, MaxBytes, 1_048_576),
    ];

    public override JsonObject Example => new() { ["bytes"] = 1_048_576L };

    protected override Args Bind(ParameterValues values) => new(values.GetInt64("bytes"));

    protected override IReadOnlyList<Piece> Split(Args args, int tasks) =>
        [.. Enumerable.Repeat(new Piece(args.Bytes), tasks)];

    protected override async ValueTask<Output> RunAsync(Piece piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(context.TempDirectory);
        // The writer's pid in the name: the host sweeps the file once that process is gone (a killed worker runs no finally).
        var path = Path.Combine(context.TempDirectory, $"io-file-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            await WriteAsync(path, piece.Bytes, context, cancellationToken);
            await VerifyAsync(path, piece.Bytes, context, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }

        return new Output(piece.Bytes, Verified: true);
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs) => IdenticalPieces.Combine(outputs);

    private static async Task WriteAsync(string path, long bytes, WorkloadContext context, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        // Unbuffered (bufferSize 0): disposing does no IO, so a plain using suffices. Every await that can suspend goes
        // through context.WaitAsync, which lets go of an emulated GIL for the wait.
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        for (long offset = 0; offset < bytes; offset += ChunkSize)
        {
            var length = (int)Math.Min(ChunkSize, bytes - offset);
            Fill(buffer.AsSpan(0, length), offset);
            await context.WaitAsync(stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken));
        }

        context.Block(() => stream.Flush(flushToDisk: true));
    }

    private static async Task VerifyAsync(string path, long bytes, WorkloadContext context, CancellationToken cancellationToken)
    {
        var expected = new byte[ChunkSize];
        var actual = new byte[ChunkSize];
        using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (stream.Length != bytes)
        {
            throw new IOException($"io.file: wrote {bytes} bytes to '{path}' but the file holds {stream.Length}.");
        }

        for (long offset = 0; offset < bytes; offset += ChunkSize)
        {
            var length = (int)Math.Min(ChunkSize, bytes - offset);
            var read = await context.WaitAsync(stream.ReadAtLeastAsync(actual.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken));
            Fill(expected.AsSpan(0, length), offset);
            if (read != length || !actual.AsSpan(0, length).SequenceEqual(expected.AsSpan(0, length)))
            {
                throw new IOException($"io.file: the content read back from '{path}' differs from what was written, in bytes {offset}..{offset + length}.");
            }
        }

        if (await context.WaitAsync(stream.ReadAsync(actual.AsMemory(0, 1), cancellationToken)) != 0)
        {
            throw new IOException($"io.file: '{path}' holds more than the {bytes} bytes written.");
        }
    }

    private static void Fill(Span<byte> chunk, long offset)
    {
        var value = (int)(offset % Period);
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)value;
            if (++value == Period)
            {
                value = 0;
            }
        }
    }

    public sealed record Args(long Bytes);

    public sealed record Piece(long Bytes) : IBinaryRecord<Piece>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Bytes);
        }

        public static Piece Read(ref PayloadReader reader) => new(reader.Int64());
    }

    /// <summary>The bytes written and read back, and that they matched (a mismatch throws instead).</summary>
    public sealed record Output(long Bytes, bool Verified) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Bytes);
            writer.Boolean(Verified);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64(), reader.Boolean());
    }

}
