namespace ConcurrencyService.Api.Idempotency;

/// <summary>Endpoint metadata: the endpoint honours <c>Idempotency-Key</c>.</summary>
public sealed record IdempotencyKeyMetadata;
