using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// <c>io.http</c>: GET a URL through the host's <see cref="IHttpFetcher"/> and count the body bytes. Every piece is an
/// independent fetch. The host checks the URL against its allowlist (<see cref="IHttpFetcher.CheckAllowed"/>) at
/// submission, and the fetcher checks it again, with every redirect, when the piece runs.
/// </summary>
public sealed class HttpWorkload : BuiltInWorkload<HttpWorkload.Args, HttpWorkload.Piece, HttpWorkload.Output>
{
    public override string Name => "io.http";

    public override WorkloadKind Kind => WorkloadKind.Io;

    public override string Description =>
        "GET `url` (which must be on the host's allowlist) and report the status code and body size; each task fetches it once.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Url("url", "The absolute http or https URL to GET. Only URLs under the host's allowed bases are accepted."),
    ];

    public override JsonObject Example => new() { ["url"] = "http://localhost:5080/api/echo/delay/100" };

    protected override Args Bind(ParameterValues values) => new(values.GetString("url"));

    protected override IReadOnlyList<Piece> Split(Args args, int tasks) =>
        [.. Enumerable.Repeat(new Piece(args.Url), tasks)];

    protected override async ValueTask<Output> RunAsync(Piece piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        var fetched = await context.WaitAsync(context.Http.GetAsync(new Uri(piece.Url), cancellationToken));
        return new Output(fetched.StatusCode, fetched.Bytes);
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs) => IdenticalPieces.Combine(outputs);

    public sealed record Args(string Url);

    public sealed record Piece(string Url) : IBinaryRecord<Piece>
    {
        public void Write(PayloadWriter writer)
        {
            writer.String(Url);
        }

        public static Piece Read(ref PayloadReader reader) => new(reader.String() ?? throw new InvalidDataException("A piece without Url."));
    }

    /// <summary>The final status code (after redirects) and the body's length in bytes.</summary>
    public sealed record Output(int StatusCode, long Bytes) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int32(StatusCode);
            writer.Int64(Bytes);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int32(), reader.Int64());
    }

}
