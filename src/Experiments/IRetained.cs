namespace ConcurrencyService.Experiments;

/// <summary>Something a <see cref="RetainingStore{T}"/> keeps until a while after it finished.</summary>
public interface IRetained
{
    Guid Id { get; }

    DateTimeOffset SubmittedAt { get; }

    /// <summary>Null while it is not finished; it is never let go before.</summary>
    DateTimeOffset? FinishedAt { get; }
}
