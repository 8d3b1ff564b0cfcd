using System.Diagnostics;

namespace ConcurrencyService.Client.Tests;

/// <summary>The README's five-line example, a console project of its own, run against a real server.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task QuickStart_PrintsTheSumOfPrimesBelowOneMillion()
    {
        await using var server = ClientServer.Start();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ClientQuickStart.dll"), server.Address.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Equal("37550402023", (await output).Trim());
    }
}
