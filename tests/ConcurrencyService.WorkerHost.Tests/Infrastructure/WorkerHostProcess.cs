using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Tests.Infrastructure;

/// <summary>
/// The real worker host, started as a process from this test project's output folder with its own socket path and
/// the given settings. Disposing stops it with SIGTERM, as a service manager would, and kills it if that fails.
/// </summary>
public sealed partial class WorkerHostProcess : IAsyncDisposable
{
    private const int Sigterm = 15;

    // Hosts not yet disposed. A test that loses one (a bug) must not leave a standalone host running after the run.
    private static readonly ConcurrentDictionary<WorkerHostProcess, bool> Live = new();

    private readonly ConcurrentQueue<string> _log = new();

    static WorkerHostProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var host in Live.Keys)
        {
            try
            {
                host.Process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    };

    private WorkerHostProcess(Process process, string socketPath)
    {
        Process = process;
        SocketPath = socketPath;
    }

    public Process Process { get; }

    public int ProcessId => Process.Id;

    public string SocketPath { get; }

    /// <summary>What the host has logged so far (its stdout and stderr), for failure messages.</summary>
    public string Log => string.Join(Environment.NewLine, _log);

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

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new WorkerHostProcess(process, socketPath);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Start();
        Live[host] = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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
    public void Terminate() => Assert.Equal(0, kill(ProcessId, Sigterm));

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await Process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Process.HasExited)
            {
                Terminate();
                if (!await WaitForExitAsync(TimeSpan.FromSeconds(20)))
                {
                    Process.Kill(entireProcessTree: true);
                    Assert.Fail($"The worker host did not stop within 20 s of SIGTERM and was killed. Its log:{Environment.NewLine}{Log}");
                }
            }
        }
        finally
        {
            Live.TryRemove(this, out _);
            File.Delete(SocketPath);
            Process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    private async Task WaitForSocketAsync()
    {
        var deadline = DateTime.UtcNow + HostClient.Guard;
        while (true)
        {
            if (Process.HasExited)
            {
                // The exit can be seen before the last stderr lines are read; this wait drains both streams to EOF.
                await Process.WaitForExitAsync();
                throw new InvalidOperationException($"The worker host exited with code {Process.ExitCode} before listening. Its log:{Environment.NewLine}{Log}");
            }

            // Only the file: a probe connection would count as an embedded host's first (owner's) connection and end it.
            if (File.Exists(SocketPath))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The worker host did not listen on {SocketPath} within {HostClient.Guard}. Its log:{Environment.NewLine}{Log}");
            }

            await Task.Delay(20);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
