namespace ConcurrencyService.Api.OpenApi;

/// <summary>
/// Documents a parameter as <paramref name="type"/> although the handler binds it as a string, so the handler
/// can answer a malformed value with a ProblemDetails naming it while clients still see the real type
/// (a job id as a uuid, a status as the enum).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DocumentedAsAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
