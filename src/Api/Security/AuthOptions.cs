using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Api.Security;

/// <summary>API keys. Section <c>Auth</c>. With no keys the API is open, as it always was on a developer's machine.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>The keys that open <c>/api</c>; any one will do. Set them from the environment (<c>Auth__ApiKeys__0</c>) or user secrets, not appsettings.json.</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>The shortest key accepted, so that a key cannot be guessed by trying.</summary>
    public const int MinKeyLength = 16;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Never echo a key back: the message says which entry is wrong, not what it holds.
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key) || key.Length < MinKeyLength || key.Any(c => c is < '!' or > '~'))
            {
                yield return new ValidationResult(
                    $"{Section}:ApiKeys:{i} must be at least {MinKeyLength} printable ASCII characters with no spaces.", [nameof(ApiKeys)]);
            }
        }
    }
}
