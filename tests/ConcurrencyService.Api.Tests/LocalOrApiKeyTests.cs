using System.Net;
using System.Text;
using ConcurrencyService.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Tests;

/// <summary>The dashboards' rule: local clients always, remote ones only with a key, and none remotely when no key is configured.</summary>
public sealed class LocalOrApiKeyTests
{
    private const string Key = "dashboard-key-0123456789";

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("10.1.2.3", null, false)]
    [InlineData("10.1.2.3", "X-Api-Key", true)]
    [InlineData("10.1.2.3", "Bearer", true)]
    [InlineData("10.1.2.3", "Basic", true)]
    [InlineData("10.1.2.3", "BasicWrong", false)]
    public void IsAllowed_WithKeysConfigured(string remote, string? sendAs, bool allowed)
    {
        var check = new LocalOrApiKey(Validator(Key));
        var context = Request(remote, sendAs);

        Assert.Equal(allowed, check.IsAllowed(context));
    }

    [Fact]
    public void IsAllowed_WithNoKeysConfigured_RefusesEveryRemoteClient()
    {
        var check = new LocalOrApiKey(Validator());

        Assert.False(check.IsAllowed(Request("192.168.1.9", "X-Api-Key")));
        Assert.True(check.IsAllowed(Request("127.0.0.1", null)));
    }

    [Fact]
    public void IsAllowed_FromTheServersOwnAddress_CountsAsLocal()
    {
        var context = Request("10.1.2.3", null);
        context.Connection.LocalIpAddress = IPAddress.Parse("10.1.2.3");

        Assert.True(new LocalOrApiKey(Validator()).IsAllowed(context));
    }

    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("https://10.0.0.4:443", false)]
    public void IsLoopback_ReadsKestrelAddresses(string address, bool loopback) =>
        Assert.Equal(loopback, SecurityExtensions.IsLoopback(address));

    [Fact]
    public void Match_NamesTheKeyByPosition_AndRefusesNearMisses()
    {
        var validator = Validator("first-key-0123456789", "second-key-0123456789");

        Assert.Equal(2, validator.Match("second-key-0123456789"));
        Assert.Equal(0, validator.Match("second-key-012345678"));
        Assert.Equal(0, validator.Match(string.Empty));
        Assert.Equal(0, validator.Match(null));
    }

    private static ApiKeyValidator Validator(params string[] keys)
    {
        var options = new AuthOptions();
        foreach (var key in keys)
        {
            options.ApiKeys.Add(key);
        }

        return new ApiKeyValidator(Options.Create(options));
    }

    private static DefaultHttpContext Request(string remote, string? sendAs)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Connection.LocalIpAddress = IPAddress.Parse("10.9.9.9");
        var basic = (string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"anyone:{password}"));
        switch (sendAs)
        {
            case "X-Api-Key":
                context.Request.Headers["X-Api-Key"] = Key;
                break;
            case "Bearer":
                context.Request.Headers.Authorization = $"Bearer {Key}";
                break;
            case "Basic":
                context.Request.Headers.Authorization = basic(Key);
                break;
            case "BasicWrong":
                context.Request.Headers.Authorization = basic("not-the-key-at-all");
                break;
        }

        return context;
    }
}
