using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Core.Storage;

/// <summary>Where the queue and the service's own records live. Section <c>Storage</c>; Redis's address is <c>ConnectionStrings:Redis</c>.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>
    /// <c>InMemory</c> (default): nothing to install, one node, everything lost when the process ends. <c>Redis</c>: Hangfire's
    /// queues and the service's job records in one Redis, shared by every node pointed at it.
    /// </summary>
    [EnumDataType(typeof(StorageProvider))]
    public StorageProvider Provider { get; set; } = StorageProvider.InMemory;

    /// <summary>Redis: a StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>. Bound from <c>ConnectionStrings:Redis</c>.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Redis: the prefix of every key the service writes (Hangfire's under <c>{prefix}hangfire:</c>), so several deployments can share one Redis.</summary>
    [RegularExpression("^[A-Za-z0-9_.:{}-]{1,64}$")]
    public string KeyPrefix { get; set; } = "cs:";

    /// <summary>The <c>Retry-After</c> of a 503 answered while the storage is unreachable, in seconds.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Redis && string.IsNullOrWhiteSpace(RedisConnectionString))
        {
            yield return new ValidationResult(
                "Storage:Provider is Redis but ConnectionStrings:Redis is empty; set it to the server's address, e.g. 127.0.0.1:6379.",
                [nameof(RedisConnectionString)]);
        }
    }
}

public enum StorageProvider
{
    InMemory,
    Redis,
}
