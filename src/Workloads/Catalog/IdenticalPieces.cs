namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// Combine for IO workloads, whose pieces each repeat the whole operation: when every piece saw the same thing
/// that is the result, as for one piece; otherwise the result lists each piece's output.
/// </summary>
public static class IdenticalPieces
{
    public static object Combine<TOutput>(IReadOnlyList<TOutput> outputs)
        where TOutput : notnull
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return outputs.Count > 0 && outputs.All(o => o.Equals(outputs[0])) ? outputs[0] : new Divergent<TOutput>(outputs);
    }

    /// <summary>The pieces disagreed: each one's output, in piece order.</summary>
    public sealed record Divergent<TOutput>(IReadOnlyList<TOutput> Pieces);
}
