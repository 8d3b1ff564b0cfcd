using ConcurrencyService.WorkerHost.Api;
using ConcurrencyService.WorkerHost.Pool;
using Microsoft.Extensions.Hosting;

namespace ConcurrencyService.WorkerHost.Hosting;

/// <summary>The host role: the worker pool, the API's socket, and (when embedded) the watch on the parent process.</summary>
public static class HostMain
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Content root = the executable's folder, whatever the caller's working directory. The host ships no appsettings.json
        // of its own (it would collide with the API's in the API's folder): its defaults live in the options classes, and
        // it is configured on the command line or with environment variables (Pool__Workers=4).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddWorkerHostLogging();
        builder.Services.AddApiSocket();
        builder.Services.AddWorkerPool();
        builder.Services.AddApiListener();
        builder.Services.AddEmbeddedMode();
        try
        {
            await builder.Build().RunAsync();
            return 0;
        }
        // The process's last word on any start-up failure (bad options, socket taken): say why, exit non-zero.
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"The worker host could not start: {ex.Message}");
            return 1;
        }
    }
}
