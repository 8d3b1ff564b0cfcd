namespace ConcurrencyService.Api.Tests;

/// <summary>The app with the sample plugins and the misbehaving test plugins loaded, and its worker host (2 worker processes).</summary>
public sealed class PluginApiFactory : IAsyncLifetime
{
    public ApiFactory Factory { get; } = ApiFactory.With(ProcessesApiFactory.Settings(
        ("Workloads:Plugins:0", PluginPaths.Samples),
        ("Workloads:Plugins:1", PluginPaths.Asset("BadWorkloads")),
        ("Diagnostics:FaultWorkloads", "false")));

    public JobsClient Jobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Jobs = new JobsClient(Factory.CreateApiClient());
        await ProcessesApiFactory.WaitUntilReadyAsync(Jobs.Http);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
