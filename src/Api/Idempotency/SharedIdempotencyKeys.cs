using System.Security.Cryptography;
using System.Text;
using ConcurrencyService.Core.Storage;
using StackExchange.Redis;

namespace ConcurrencyService.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c>s in Redis, for every node: <c>idem:{sha256 of scope, client and key}</c> holds the request's hash,
/// whether its answer is in, and the answer. The first request claims the key in one script; a repeat on any node gets the
/// answer, or waits while the first is still being answered (a claim whose node died lapses after <see cref="PendingFor"/>).
/// </summary>
internal sealed class SharedIdempotencyKeys(RedisStore redis)
{
    /// <summary>How long a claim may wait for its answer before a repeat may try again.</summary>
    public static readonly TimeSpan PendingFor = TimeSpan.FromSeconds(30);

    private const string ClaimScript = """
        local h = redis.call('HGET', KEYS[1], 'h')
        if not h then
          redis.call('HSET', KEYS[1], 'h', ARGV[1], 'o', ARGV[2])
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          return {'mine'}
        end
        if h ~= ARGV[1] then return {'conflict'} end
        local a = redis.call('HGET', KEYS[1], 'a')
        if a then return {'done', a} end
        return {'pending'}
        """;

    private const string ReleaseScript = """
        if redis.call('HGET', KEYS[1], 'o') == ARGV[1] and not redis.call('HGET', KEYS[1], 'a') then redis.call('DEL', KEYS[1]) end
        """;

    public async Task<(string Outcome, string? Answer)> ClaimAsync(string id, byte[] hash, string owner)
    {
        var result = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(
            ClaimScript, [Key(id)], [Convert.ToHexString(hash), owner, (long)PendingFor.TotalMilliseconds]))!;
        return (result[0].ToString(), result.Length > 1 ? result[1].ToString() : null);
    }

    // Synchronous, as the claim's Complete and Dispose are: StackExchange.Redis's blocking calls are made for this.
    public void Complete(string id, string answer, TimeSpan keepFor)
    {
        var transaction = redis.Database.CreateTransaction();
        _ = transaction.HashSetAsync(Key(id), "a", answer);
        _ = transaction.KeyExpireAsync(Key(id), keepFor);
        transaction.Execute();
    }

    public void Release(string id, string owner) =>
        redis.Database.ScriptEvaluate(ReleaseScript, [Key(id)], [owner]);

    private RedisKey Key(string id) => redis.Key("idem:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id))));
}
