namespace ConcurrencyService.WorkerHost.Tests.Infrastructure;

/// <summary>
/// A host with two workers and the fault workloads, shared by one test class and connected once. The heap limit is
/// lowered so that <c>debug.crash oom</c> hits it after a few blocks instead of a gigabyte.
/// </summary>
public sealed class FaultHostFixture : IAsyncLifetime
{
    public WorkerHostProcess Host { get; private set; } = null!;

    public HostClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await WorkerHostProcess.StartAsync("--Pool:Workers=2", "--Diagnostics:FaultWorkloads=true", "--Pool:MaxHeapMbPerChild=256");
        Client = await Host.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Host.DisposeAsync();
    }
}
