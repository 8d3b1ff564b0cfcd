using ConcurrencyService.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ConcurrencyService.Client.Tests;

/// <summary>What AddConcurrencyServiceClient accepts and where the requests go.</summary>
public sealed class RegistrationTests
{
    [Theory]
    [InlineData("/proxy/concurrency")]
    [InlineData("/proxy/concurrency/")]
    public async Task BaseAddress_WithAPath_PrefixesEveryRequest(string basePath)
    {
        var (client, attempts, services) = ClientServer.ForClosedPort(o => o.MaxRetryAttempts = 0, basePath);
        await using var _ = services;
        var id = Guid.NewGuid();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetJobAsync(id));

        Assert.Equal($"/proxy/concurrency/api/jobs/{id}", Assert.Single(attempts.All).Path);
    }

    [Fact]
    public void BaseAddress_Relative_IsRefused()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddConcurrencyServiceClient(new Uri("/api", UriKind.Relative)));
    }

    [Fact]
    public async Task Options_ALongPollLongerThanTheRequestTimeout_AreRefusedWhenTheClientIsMade()
    {
        var services = new ServiceCollection();
        services.AddConcurrencyServiceClient(new Uri("http://localhost:5080"), o => o.RequestTimeout = TimeSpan.FromSeconds(10));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IConcurrencyServiceApi>());

        Assert.Contains("RequestTimeout", error.ToString(), StringComparison.Ordinal);
    }
}
