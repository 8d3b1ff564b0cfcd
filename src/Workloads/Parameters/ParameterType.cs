namespace ConcurrencyService.Workloads.Parameters;

public enum ParameterType
{
    /// <summary>A whole number (JSON number without fraction), read as <see cref="long"/>.</summary>
    Integer,

    /// <summary>A finite JSON number, read as <see cref="double"/>.</summary>
    Number,

    /// <summary>A JSON string; with <see cref="ParameterSpec.AllowedValues"/> it is an enumeration.</summary>
    String,

    /// <summary>An absolute http or https URL.</summary>
    Url,
}
