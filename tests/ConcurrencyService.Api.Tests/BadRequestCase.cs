namespace ConcurrencyService.Api.Tests;

/// <summary>
/// One bad request and what the answer must be: its status, and the field (or path, or limit) the ProblemDetails names —
/// as a key of <c>errors</c>, or in the detail. In <see cref="Body"/>, <c>\xHH</c> stands for the raw byte HH (JSON has no
/// such escape, so a body can carry bytes that are not UTF-8).
/// </summary>
public sealed record BadRequestCase(string Method, string Url, string? Body, int Status, string Field)
{
    public string? ContentType { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A short, unique name: what the test runner shows.</summary>
    public string Name
    {
        get
        {
            var name = $"{Method} {Url}";
            if (Body is not null)
            {
                name += " " + Body;
            }

            if (ContentType is not "application/json")
            {
                name += $" [{ContentType ?? "no content type"}]";
            }

            foreach (var (header, value) in Headers)
            {
                name += $" [{header}: {(value.Length > 40 ? $"{value.Length} chars" : value)}]";
            }

            return name.Length > 300 ? $"{name[..150]}…({name.Length} chars)…{name[^100..]}" : name;
        }
    }

    public byte[] BodyBytes()
    {
        var bytes = new List<byte>();
        var text = Body ?? string.Empty;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                i += 3;
                continue;
            }

            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text[i].ToString()));
        }

        return [.. bytes];
    }
}
