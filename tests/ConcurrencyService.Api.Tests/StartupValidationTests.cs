namespace ConcurrencyService.Api.Tests;

/// <summary>Hardening options are checked when the server starts: a bad value stops it with a message naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Auth:ApiKeys:0", "tooShortKey1", "Auth:ApiKeys:0")]
    [InlineData("Auth:ApiKeys:0", "has a space in it, sixteen+", "Auth:ApiKeys:0")]
    [InlineData("RateLimiting:BurstLimit", "0", "BurstLimit")]
    [InlineData("RequestLimits:MaxUrlBytes", "10", "MaxUrlBytes")]
    [InlineData("Idempotency:MaxKeys", "0", "MaxKeys")]
    [InlineData("Queue:InvisibilityTimeout", "00:30:00", "Jobs:MaxTimeoutMs")] // below the longest job (1 h): a live job could run twice on Redis
    [InlineData("Storage:Provider", "Redis", "ConnectionStrings:Redis")]
    [InlineData("Node:Timeout", "00:00:02", "Node:Timeout")] // under three heartbeats
    [InlineData("Node:Name", "Has Spaces", "Node:Name")]
    public async Task Start_WithABadSetting_FailsNamingIt(string setting, string value, string named)
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?> { [setting] = value });

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
        if (setting.StartsWith("Auth", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, failure.ToString(), StringComparison.Ordinal); // never echo a key
        }
    }
}
