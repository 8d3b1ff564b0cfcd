using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using ConcurrencyService.Core.Storage;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Idempotency;

/// <summary>
/// Remembers, per <c>Idempotency-Key</c>, the body a submission had and the answer it got, so a client that lost the
/// answer (a timeout, a dropped connection) can send the same request again and get the same job rather than a second
/// one. Requests with the same key at the same time are serialized: the first one submits, the others wait for its answer.
/// With shared storage (Redis) the keys are kept there, so a repeat reaching another node gets the same answer.
/// <para>
/// Keys belong to a client: its API key when keys are on, else its address. Each client has its own budget of
/// <see cref="IdempotencyOptions.MaxKeys"/> (past it, that client's keys that expire soonest go first), so one client's
/// submissions never push out another's keys; past <see cref="IdempotencyOptions.MaxClients"/> clients, the one idle
/// longest is forgotten whole. Keys in Redis are never pushed out: they expire.
/// </para>
/// </summary>
public sealed class IdempotentSubmissions(IOptions<IdempotencyOptions> options, TimeProvider time, RedisStore? redis = null)
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Set on an answer that repeats an earlier one.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, ClientKeys> _clients = new(StringComparer.Ordinal);
    private readonly SharedIdempotencyKeys? _shared = redis is null ? null : new SharedIdempotencyKeys(redis);

    public int Count => _clients.Values.Sum(c => c.Entries.Count);

    /// <param name="scope">What is submitted, e.g. "jobs": the same key may be used once per scope.</param>
    public async Task<IdempotencyClaim<T>> ClaimAsync<T>(HttpContext http, string scope, JsonNode? body)
        where T : class, IResult
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers[HeaderName];
        if (header.Count == 0)
        {
            return new IdempotencyClaim<T>(null, null, null, null);
        }

        var max = options.Value.MaxKeyLength;
        if (header is not [{ } key] || key.Length is 0 || key.Length > max || key.Any(c => c is < ' ' or > '~'))
        {
            return Refuse<T>(StatusCodes.Status400BadRequest, "The Idempotency-Key is not valid.",
                $"Send one {HeaderName} of 1 to {max} printable ASCII characters, such as a UUID.");
        }

        // Keys are per client: two clients' keys never meet.
        var client = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"key:{name}" : $"ip:{http.Connection.RemoteIpAddress}";
        var id = $"{scope}\n{key}";
        var hash = CanonicalJson.Hash(scope, body);
        if (_shared is not null)
        {
            return await ClaimSharedAsync<T>(http, key, $"{scope}\n{client}\n{key}", hash);
        }

        while (true)
        {
            var entries = Budget(client);
            var mine = new Entry(hash);
            var entry = entries.GetOrAdd(id, mine);
            if (!CryptographicOperations.FixedTimeEquals(entry.Hash, hash))
            {
                return Refuse<T>(StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for a different request.",
                    $"'{key}' was sent before with a different body. Send a new key for a new submission, or the same body to get the first answer again.");
            }

            if (ReferenceEquals(entry, mine))
            {
                return new IdempotencyClaim<T>(
                    null,
                    null,
                    (accepted, keepFor) => mine.Complete(accepted, time.GetUtcNow() + keepFor),
                    () =>
                    {
                        entries.TryRemove(new KeyValuePair<string, Entry>(id, mine));
                        mine.Complete(null, DateTimeOffset.MinValue);
                    });
            }

            // Another request with this key is in flight or done: take its answer, or try again if it was refused.
            if (await entry.Answer.WaitAsync(http.RequestAborted) is T earlier)
            {
                http.Response.Headers[ReplayedHeaderName] = "true";
                return new IdempotencyClaim<T>(earlier, null, null, null);
            }
        }
    }

    private async Task<IdempotencyClaim<T>> ClaimSharedAsync<T>(HttpContext http, string key, string id, byte[] hash)
        where T : class, IResult
    {
        var shared = _shared!;
        var owner = Guid.NewGuid().ToString("N");
        while (true)
        {
            var (outcome, answer) = await shared.ClaimAsync(id, hash, owner);
            switch (outcome)
            {
                case "mine":
                    return new IdempotencyClaim<T>(
                        null,
                        null,
                        (accepted, keepFor) => shared.Complete(id, AcceptedAnswer<T>.Write((T)accepted), keepFor),
                        () => shared.Release(id, owner));
                case "conflict":
                    return Refuse<T>(StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for a different request.",
                        $"'{key}' was sent before with a different body. Send a new key for a new submission, or the same body to get the first answer again.");
                case "done":
                    http.Response.Headers[ReplayedHeaderName] = "true";
                    return new IdempotencyClaim<T>(AcceptedAnswer<T>.Read(answer!), null, null, null);
                default:
                    // Another request with this key, perhaps on another node, is still being answered.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), http.RequestAborted);
                    break;
            }
        }
    }

    /// <summary>The client's keys, swept first: its expired keys go, and when it is at its budget, its tenth that expires soonest.</summary>
    private ConcurrentDictionary<string, Entry> Budget(string client)
    {
        var now = time.GetUtcNow();
        if (!_clients.TryGetValue(client, out var keys))
        {
            if (_clients.Count >= options.Value.MaxClients)
            {
                ForgetIdlestClient();
            }

            keys = _clients.GetOrAdd(client, _ => new ClientKeys());
        }

        keys.LastUsed = now;
        var max = options.Value.MaxKeys;
        var over = keys.Entries.Count - max;
        if (over < 0 && now < keys.NextSweep)
        {
            return keys.Entries;
        }

        keys.NextSweep = now + SweepInterval;
        Forget(keys.Entries, keys.Entries.Where(e => e.Value.ExpiresAt < now));
        if (keys.Entries.Count >= max)
        {
            Forget(keys.Entries, keys.Entries.Where(e => e.Value.Answer.IsCompleted).OrderBy(e => e.Value.ExpiresAt).Take(Math.Max(1, max / 10)));
        }

        return keys.Entries;
    }

    private void ForgetIdlestClient()
    {
        if (_clients.OrderBy(c => c.Value.LastUsed).FirstOrDefault() is { Key: { } idlest } entry)
        {
            _clients.TryRemove(entry);
        }
    }

    private static void Forget(ConcurrentDictionary<string, Entry> entries, IEnumerable<KeyValuePair<string, Entry>> which)
    {
        foreach (var entry in which.ToList())
        {
            entries.TryRemove(entry);
        }
    }

    private static IdempotencyClaim<T> Refuse<T>(int status, string title, string detail)
        where T : class, IResult =>
        new(null, TypedResults.Problem(statusCode: status, title: title, detail: detail), null, null);

    private sealed class ClientKeys
    {
        public ConcurrentDictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LastUsed { get; set; }

        public DateTimeOffset NextSweep { get; set; }
    }

    private sealed class Entry(byte[] hash)
    {
        private readonly TaskCompletionSource<object?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public byte[] Hash { get; } = hash;

        public Task<object?> Answer => _answer.Task;

        /// <summary>Until it completes, an entry never expires.</summary>
        public DateTimeOffset ExpiresAt { get; private set; } = DateTimeOffset.MaxValue;

        public void Complete(object? answer, DateTimeOffset expiresAt)
        {
            ExpiresAt = expiresAt;
            _answer.TrySetResult(answer);
        }
    }
}
