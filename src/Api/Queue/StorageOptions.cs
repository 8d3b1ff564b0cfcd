using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Api.Queue;

/// <summary>Where the queue (and the service's records) live. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>InMemory</c> (default): nothing to install; everything is lost when the process ends.</summary>
    [EnumDataType(typeof(StorageProvider))]
    public StorageProvider Provider { get; set; } = StorageProvider.InMemory;
}

public enum StorageProvider
{
    InMemory,
}
