using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.IO.Hashing;
using ConcurrencyService.Workloads;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ConcurrencyService.Samples.Workloads;

/// <summary>
/// <c>samples.thumbnails</c>: the classic background job. Each image is drawn in memory (a gradient with a pattern
/// seeded by its index, so nothing is downloaded and every run sees the same pixels), resized to a thumbnail with
/// ImageSharp's bicubic resampler and encoded as PNG. The result sums the PNG sizes and a checksum of their bytes.
/// </summary>
public sealed class ThumbnailWorkload : Workload<ThumbnailWorkload.Parameters, ThumbnailWorkload.Piece, ThumbnailWorkload.Output>
{
    public override string Name => "samples.thumbnails";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description =>
        "Draws `images` pictures of `width`×`height` in memory and resizes each to a PNG thumbnail `thumbnailWidth` wide (SixLabors.ImageSharp).";

    public override Parameters Example => new(Images: 16, Width: 800, Height: 600, ThumbnailWidth: 128);

    public override IEnumerable<ParameterError> Validate(Parameters parameters)
    {
        if (parameters.ThumbnailWidth > parameters.Width)
        {
            yield return new ParameterError("thumbnailWidth", $"'thumbnailWidth' ({parameters.ThumbnailWidth}) must not exceed 'width' ({parameters.Width}).");
        }
    }

    public override IReadOnlyList<Piece> Split(Parameters parameters, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Piece(
            parameters.Images * i / count, parameters.Images * (i + 1) / count, parameters.Width, parameters.Height, parameters.ThumbnailWidth))];

    public override ValueTask<Output> RunAsync(Piece piece, PieceContext context, CancellationToken cancellationToken)
    {
        long bytes = 0;
        ulong checksum = 0;
        for (var index = piece.From; index < piece.To; index++)
        {
            context.Checkpoint(cancellationToken);
            using var image = Draw(index, piece.Width, piece.Height);
            image.Mutate(x => x.Resize(piece.ThumbnailWidth, 0, KnownResamplers.Bicubic));
            using var png = new MemoryStream();
            image.Save(png, new PngEncoder());
            bytes += png.Length;
            checksum += XxHash64.HashToUInt64(png.GetBuffer().AsSpan(0, (int)png.Length));
        }

        return ValueTask.FromResult(new Output(piece.To - piece.From, bytes, checksum));
    }

    public override Output Combine(Parameters parameters, IReadOnlyList<Output> outputs) =>
        new(outputs.Sum(o => o.Thumbnails), outputs.Sum(o => o.PngBytes), outputs.Aggregate(0UL, (sum, o) => unchecked(sum + o.Checksum)));

    private static Image<Rgba32> Draw(int index, int width, int height)
    {
        var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var stripe = ((x / 16) + (y / 16) + index) % 2 == 0 ? 40 : 0;
                    row[x] = new Rgba32((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)(((index * 37) + stripe) % 256), 255);
                }
            }
        });
        return image;
    }

    /// <summary>The job's parameters.</summary>
    public sealed record Parameters(
        [property: Description("How many images to draw and resize.")][property: Range(1, 10_000)] int Images = 16,
        [property: Description("Each image's width in pixels.")][property: Range(16, 4096)] int Width = 800,
        [property: Description("Each image's height in pixels.")][property: Range(16, 4096)] int Height = 600,
        [property: Description("The thumbnail's width in pixels; its height keeps the aspect ratio.")][property: Range(8, 1024)] int ThumbnailWidth = 128);

    /// <summary>Images [From, To) of the job, and their sizes.</summary>
    public sealed record Piece(int From, int To, int Width, int Height, int ThumbnailWidth);

    /// <summary>How many thumbnails, their PNG bytes, and a checksum of those bytes (a sum, so any split gives the same).</summary>
    public sealed record Output(long Thumbnails, long PngBytes, ulong Checksum);
}
