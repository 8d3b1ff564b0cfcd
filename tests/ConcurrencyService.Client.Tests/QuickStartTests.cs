using System.Diagnostics;
using ConcurrencyService.Testing;

namespace ConcurrencyService.Client.Tests;

/// <summary>The five-line example of docs/api.md ("C# client"), a console project of its own, run against a real server.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task QuickStart_PrintsTheSumOfPrimesBelowOneMillion()
    {
        await using var server = ClientServer.Start();
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ClientQuickStart.dll"), server.Address.ToString() } };

        var (exitCode, output, error) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, error);
        Assert.Equal("37550402023", output.Trim());
    }
}
