using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Api.Idempotency;

/// <summary>Idempotent submission (<c>Idempotency-Key</c>). Section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>The longest key accepted; a UUID is 36.</summary>
    [Range(16, 1024)]
    public int MaxKeyLength { get; set; } = 255;

    /// <summary>How many keys are remembered at most; past this the ones that expire soonest are forgotten first.</summary>
    [Range(1, 10_000_000)]
    public int MaxKeys { get; set; } = 100_000;
}
