using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Api.Tests;

/// <summary>Pool modes, recycling, and that no worker process outlives the API — checked in the process table.</summary>
public sealed partial class ProcessLifecycleTests
{
    [Fact]
    public async Task SpawnMode_RunsEachTaskInAFreshProcess()
    {
        await using var factory = ApiFactory.With(ProcessesApiFactory.Settings(("Executors:Processes:PoolMode", "spawn")));
        var jobs = new JobsClient(factory.CreateApiClient());
        await ProcessesApiFactory.WaitUntilReadyAsync(jobs.Http);

        var job = await jobs.RunAsync(new { workload = "cpu.squares", executor = "processes", tasks = 6 });

        Assert.Equal("succeeded", JobsClient.Status(job));
        var pids = job["taskRuns"]!.AsArray().Select(t => t!["processId"]!.GetValue<int>()).ToList();
        Assert.Equal(6, pids.Distinct().Count());
    }

    [Fact]
    public async Task MaxTasksPerChild_ReplacesTheWorkerAfterItsQuota()
    {
        await using var factory = ApiFactory.With(ProcessesApiFactory.Settings(
            ("Executors:Processes:Workers", "1"), ("Executors:Processes:MaxTasksPerChild", "2")));
        var jobs = new JobsClient(factory.CreateApiClient());
        await ProcessesApiFactory.WaitUntilReadyAsync(jobs.Http);

        var pids = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var job = await jobs.RunAsync(new { workload = "cpu.squares", executor = "processes" });
            pids.Add(job["taskRuns"]![0]!["processId"]!.GetValue<int>());
        }

        // One worker, two tasks per process: three processes, each used for two tasks in a row.
        Assert.Equal(3, pids.Distinct().Count());
        Assert.Equal(pids[0], pids[1]);
        Assert.NotEqual(pids[1], pids[2]);
        Assert.Equal(pids[2], pids[3]);
    }

    [Fact]
    public async Task StoppingTheApi_StopsTheWorkerHostAndItsWorkers()
    {
        List<int> pids;
        await using (var factory = ApiFactory.With(ProcessesApiFactory.Settings()))
        {
            var http = factory.CreateApiClient();
            await ProcessesApiFactory.WaitUntilReadyAsync(http);
            pids = await WorkerHostPidsAsync(http);
            Assert.All(pids, pid => Assert.True(ProcessTable.IsAlive(pid)));
        }

        Assert.True((await ProcessTable.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(30))).Count == 0, $"processes {string.Join(", ", pids)} outlived the API");
    }

    [Fact]
    public async Task KillingTheApiWithSigkill_LeavesNoWorkerProcessesBehind()
    {
        var api = Path.Combine(AppContext.BaseDirectory, "ConcurrencyService.Api.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            api, "--urls", "http://127.0.0.1:0", "--Executors:Processes:Workers=2", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.WorkingDirectory = AppContext.BaseDirectory;
        using var process = Process.Start(start)!;
        try
        {
            var address = await ListeningAddressAsync(process);
            using var http = new HttpClient { BaseAddress = address };
            await ProcessesApiFactory.WaitUntilReadyAsync(http);
            var pids = await WorkerHostPidsAsync(http);
            Assert.Equal(3, pids.Count); // the host and its two workers

            process.Kill(entireProcessTree: false); // SIGKILL to the API alone: nothing of its own runs to clean up

            Assert.True((await ProcessTable.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(30))).Count == 0, $"processes {string.Join(", ", pids)} outlived the killed API");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<List<int>> WorkerHostPidsAsync(HttpClient http)
    {
        var executors = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray();
        var processes = executors.Single(e => e!["name"]!.GetValue<string>() == "processes")!;
        return [processes["pool"]!["hostProcessId"]!.GetValue<int>(), .. processes["workers"]!.AsArray().Select(w => w!["processId"]!.GetValue<int>())];
    }

    private static async Task<Uri> ListeningAddressAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None); // keep draining so the API never blocks on a full pipe
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException("The API exited before it listened.");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
