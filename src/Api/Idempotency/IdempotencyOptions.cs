using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Api.Idempotency;

/// <summary>Idempotent submission (<c>Idempotency-Key</c>). Section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>The longest key accepted; a UUID is 36.</summary>
    [Range(16, 1024)]
    public int MaxKeyLength { get; set; } = 255;

    /// <summary>How many keys are remembered per client (API key, or address when keys are off); past this, that client's keys that expire soonest are forgotten first, never another client's.</summary>
    [Range(1, 10_000_000)]
    public int MaxKeys { get; set; } = 100_000;

    /// <summary>How many clients' keys are remembered at once; past this, the keys of the client idle longest are forgotten.</summary>
    [Range(1, 1_000_000)]
    public int MaxClients { get; set; } = 1_000;
}
