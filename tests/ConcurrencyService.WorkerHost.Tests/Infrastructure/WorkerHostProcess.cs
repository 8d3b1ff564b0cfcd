using System.Diagnostics;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Tests.Infrastructure;

/// <summary>
/// The real worker host, started as a process (the shared <see cref="ChildProcess"/>) from this test project's output
/// folder with its own socket path and the given settings. Disposing stops it with SIGTERM, as a service manager would,
/// and fails the test if it had to be killed.
/// </summary>
public sealed class WorkerHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    private readonly ChildProcess _child;

    private WorkerHostProcess(ChildProcess child, string socketPath)
    {
        _child = child;
        SocketPath = socketPath;
    }

    public int ProcessId => _child.ProcessId;

    public bool HasExited => _child.HasExited;

    public int ExitCode => _child.ExitCode;

    public string SocketPath { get; }

    /// <summary>What the host has logged last (its stdout and stderr), for failure messages.</summary>
    public string Log => _child.Output;

    /// <summary>Starts a host; <paramref name="settings"/> are configuration arguments such as <c>--Pool:Workers=2</c>.</summary>
    public static async Task<WorkerHostProcess> StartAsync(params string[] settings)
    {
        // A fresh socket path unless the settings name one. Short: a Unix socket path must fit in 107 bytes.
        const string socketSetting = "--WorkerHost:SocketPath=";
        var socketPath = settings.LastOrDefault(s => s.StartsWith(socketSetting, StringComparison.Ordinal))?[socketSetting.Length..]
            ?? Path.Combine(Path.GetTempPath(), $"cswh-{Guid.NewGuid():N}"[..17] + ".sock");
        var info = CreateStartInfo();
        info.ArgumentList.Add($"{socketSetting}{socketPath}");
        foreach (var setting in settings)
        {
            info.ArgumentList.Add(setting);
        }

        var host = new WorkerHostProcess(ChildProcess.Start(info), socketPath);
        await host.WaitForSocketAsync();
        return host;
    }

    /// <summary>The apphost if the build made one, else <c>dotnet ConcurrencyService.WorkerHost.dll</c>.</summary>
    public static ProcessStartInfo CreateStartInfo()
    {
        var info = DotnetApp.Start(DotnetApp.Find("ConcurrencyService.WorkerHost", AppContext.BaseDirectory)
            ?? throw new FileNotFoundException($"No worker host in {AppContext.BaseDirectory}."));
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        return info;
    }

    public Task<HostClient> ConnectAsync() => HostClient.ConnectAsync(SocketPath);

    /// <summary>Sends SIGTERM: the host's graceful stop.</summary>
    public void Terminate() => _child.Terminate();

    /// <summary>SIGKILL to the host alone: its workers are left to notice.</summary>
    public void KillAlone() => _child.KillAlone();

    public Task<bool> WaitForExitAsync(TimeSpan timeout) => _child.WaitForExitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!await _child.StopAsync(StopGrace))
            {
                Assert.Fail($"The worker host did not stop within {StopGrace.TotalSeconds:0} s of SIGTERM and was killed. Its log:{Environment.NewLine}{Log}");
            }
        }
        finally
        {
            File.Delete(SocketPath);
            await _child.DisposeAsync();
        }
    }

    private async Task WaitForSocketAsync()
    {
        var deadline = DateTime.UtcNow + HostClient.Guard;
        while (true)
        {
            if (_child.HasExited)
            {
                // The exit can be seen before the last stderr lines are read; this wait drains both streams to EOF.
                await _child.WaitForExitAsync(HostClient.Guard);
                throw new InvalidOperationException($"The worker host exited with code {_child.ExitCode} before listening. Its log:{Environment.NewLine}{Log}");
            }

            // Only the file: a probe connection would count as an embedded host's first (owner's) connection and end it.
            if (File.Exists(SocketPath))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                await _child.KillAsync();
                throw new TimeoutException($"The worker host did not listen on {SocketPath} within {HostClient.Guard}. Its log:{Environment.NewLine}{Log}");
            }

            await Task.Delay(20);
        }
    }
}
