using ConcurrencyService.Client;

namespace ConcurrencyService.Client.Tests;

/// <summary>The SDK against a server that requires a key: refused without one, served with <see cref="ConcurrencyServiceClientOptions.ApiKey"/>.</summary>
public sealed class ApiKeyTests
{
    private const string Key = "client-test-key-0123456789";

    private static readonly Dictionary<string, string?> Keyed = new() { ["Auth:ApiKeys:0"] = Key };

    [Fact]
    public async Task Client_WithTheKeyInItsOptions_RunsAJob()
    {
        await using var server = ClientServer.Start(Keyed, o => o.ApiKey = Key);

        var job = await server.Client.SubmitAndWaitAsync(new SubmitJobRequest { Workload = "cpu.squares" });

        Assert.Equal(JobStatus.Succeeded, job.Status);
    }

    [Fact]
    public async Task Client_WithoutAKey_GetsA401ProblemItCanRead()
    {
        await using var server = ClientServer.Start(Keyed);

        var refused = await Assert.ThrowsAnyAsync<ConcurrencyServiceException>(() => server.Client.ListWorkloadsAsync());

        Assert.Equal(401, refused.Status);
        Assert.Contains("API key", refused.Message, StringComparison.Ordinal);
    }
}
