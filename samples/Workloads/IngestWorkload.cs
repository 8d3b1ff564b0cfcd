using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using ConcurrencyService.Workloads;

namespace ConcurrencyService.Samples.Workloads;

/// <summary>
/// <c>samples.ingest</c>: a nightly import, IO and CPU in one. For each batch it waits for an upstream export (a
/// latency of <c>latencyMs</c>, as a slow API or object store gives), writes the CSV it receives to a scratch file,
/// reads it back asynchronously and parses and totals it. Threads overlap the waits; the parsing is CPU.
/// </summary>
public sealed class IngestWorkload : Workload<IngestWorkload.Parameters, IngestWorkload.Piece, IngestWorkload.Output>
{
    public override string Name => "samples.ingest";

    public override WorkloadKind Kind => WorkloadKind.Mixed;

    public override string Description =>
        "Imports `batches` CSV exports of `rows` rows: waits `latencyMs` for each (the upstream), writes it to a scratch file, reads it back and totals it.";

    public override Parameters Example => new(Batches: 8, Rows: 20_000, LatencyMs: 50);

    public override IReadOnlyList<Piece> Split(Parameters parameters, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Piece(
            parameters.Batches * i / count, parameters.Batches * (i + 1) / count, parameters.Rows, parameters.LatencyMs))];

    public override async ValueTask<Output> RunAsync(Piece piece, PieceContext context, CancellationToken cancellationToken)
    {
        long rows = 0, cents = 0;
        for (var batch = piece.From; batch < piece.To; batch++)
        {
            await context.WaitAsync(Task.Delay(piece.LatencyMs, cancellationToken));
            var path = Path.Combine(context.TempDirectory, $"samples-ingest-{Guid.NewGuid():N}.csv");
            try
            {
                await context.WaitAsync(File.WriteAllTextAsync(path, Export(batch, piece.Rows), cancellationToken));
                var lines = await context.WaitAsync(File.ReadAllLinesAsync(path, cancellationToken));
                foreach (var line in lines.AsSpan(1))
                {
                    context.Checkpoint(cancellationToken);
                    var amount = line.AsSpan(line.LastIndexOf(',') + 1);
                    cents += long.Parse(amount.ToString().Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    rows++;
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        return new Output(piece.To - piece.From, rows, cents);
    }

    public override Output Combine(Parameters parameters, IReadOnlyList<Output> outputs) =>
        new(outputs.Sum(o => o.Batches), outputs.Sum(o => o.Rows), outputs.Sum(o => o.TotalCents));

    /// <summary>The CSV an upstream would send for this batch: the same rows for the same batch.</summary>
    private static string Export(int batch, int rows)
    {
        var random = new Random(batch);
        var csv = new StringBuilder("order,customer,amount\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{batch}-{i},c{random.Next(1, 10_000)},{random.Next(100, 100_000) / 100}.{random.Next(0, 100):00}\n");
        }

        return csv.ToString();
    }

    /// <summary>The job's parameters.</summary>
    public sealed record Parameters(
        [property: Description("How many exports to import.")][property: Range(1, 1000)] int Batches = 8,
        [property: Description("Rows per export.")][property: Range(1, 1_000_000)] int Rows = 20_000,
        [property: Description("The upstream's latency per export, in milliseconds.")][property: Range(0, 60_000)] int LatencyMs = 50);

    /// <summary>Batches [From, To) of the job.</summary>
    public sealed record Piece(int From, int To, int Rows, int LatencyMs);

    /// <summary>Batches and rows imported, and the sum of their amounts in cents.</summary>
    public sealed record Output(long Batches, long Rows, long TotalCents);
}
