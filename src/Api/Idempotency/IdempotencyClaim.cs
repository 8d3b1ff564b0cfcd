using Microsoft.AspNetCore.Http.HttpResults;

namespace ConcurrencyService.Api.Idempotency;

/// <summary>
/// What an <c>Idempotency-Key</c> means for one submission: go ahead (and <see cref="Complete"/> when accepted), answer
/// with the <see cref="Earlier"/> acceptance, or refuse with <see cref="Problem"/>. Disposing a claim that was not
/// completed forgets the key, so a submission that was refused (invalid, queue full) can be retried with it.
/// </summary>
public sealed class IdempotencyClaim<T> : IDisposable
    where T : class, IResult
{
    private readonly Action<object, TimeSpan>? _complete;
    private readonly Action? _release;
    private bool _done;

    internal IdempotencyClaim(T? earlier, ProblemHttpResult? problem, Action<object, TimeSpan>? complete, Action? release)
    {
        Earlier = earlier;
        Problem = problem;
        _complete = complete;
        _release = release;
    }

    /// <summary>The answer the first submission with this key and body got.</summary>
    public T? Earlier { get; }

    /// <summary>400 for a malformed key, 422 for a key reused with a different body.</summary>
    public ProblemHttpResult? Problem { get; }

    /// <summary>Remembers the answer for <paramref name="keepFor"/>: a repeat of the submission gets it again.</summary>
    public void Complete(T accepted, TimeSpan keepFor)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        _done = true;
        _complete?.Invoke(accepted, keepFor);
    }

    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            _release?.Invoke();
        }
    }
}
