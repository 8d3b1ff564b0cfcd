using System.Net;

namespace ConcurrencyService.Api.Tests;

/// <summary>The app with its embedded worker host (2 worker processes) and the fault workloads on.</summary>
public sealed class ProcessesApiFactory : IAsyncLifetime
{
    public ApiFactory Factory { get; } = ApiFactory.With(Settings());

    public JobsClient Jobs { get; private set; } = null!;

    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Executors:Processes:Enabled"] = "true",
            ["Executors:Processes:Workers"] = "2",
            ["Diagnostics:FaultWorkloads"] = "true",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task InitializeAsync()
    {
        Jobs = new JobsClient(Factory.CreateApiClient());
        await WaitUntilReadyAsync(Jobs.Http);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>Ready means the worker host is up and connected; a hang guard, not a timing assertion.</summary>
    public static async Task WaitUntilReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not ready: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }
}
