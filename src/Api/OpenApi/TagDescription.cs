namespace ConcurrencyService.Api.OpenApi;

/// <summary>Endpoint metadata: the OpenAPI description of a tag the endpoint carries (see <see cref="TagDescriptionsFilter"/>).</summary>
public sealed record TagDescription(string Name, string Description);
