using ConcurrencyService.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// A host stopped by a failed background service ends with a non-zero exit code, so a restart policy starts it again;
/// the host's own StopHost behaviour leaves the code at 0. A real WebApplication on Kestrel, run to its end in this process
/// (the process's exit code is put back afterwards).
/// </summary>
public sealed class FaultExitCodeTests
{
    [Fact]
    public void RunAndReportFaults_WhenABackgroundServiceFails_SetsExitCode1()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddHostedService<FailingLoop>();
        var app = builder.Build();
        var before = Environment.ExitCode;
        try
        {
            app.RunAndReportFaults();

            Assert.Equal(FaultExitCode.BackgroundServiceFailed, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = before;
        }
    }

    private sealed class FailingLoop : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(100, stoppingToken);
            throw new InvalidOperationException("A loop that fails, as retention did when Redis went away.");
        }
    }
}
