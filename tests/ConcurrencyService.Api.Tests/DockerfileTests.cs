using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// There is no Docker engine on the build machines, so this runs the Dockerfile's own <c>dotnet restore</c> and
/// <c>dotnet publish</c> lines against the repository (output redirected to a temp folder), then starts the
/// published API exactly as the image's ENTRYPOINT does and checks that its embedded worker host works.
/// </summary>
[Collection(LongestFirst.Collection)]
public sealed partial class DockerfileTests
{
    [Fact]
    public async Task DockerfilePublishSteps_ProduceAnImageLayoutWhoseApiRunsProcessJobs()
    {
        var root = Repository.Root;
        var dockerfile = await File.ReadAllLinesAsync(Path.Combine(root, "Dockerfile"));
        var output = Directory.CreateTempSubdirectory("cs-publish-").FullName;
        try
        {
            var commands = dockerfile.Select(l => DotnetRun().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
            Assert.Contains(commands, c => c.StartsWith("publish", StringComparison.Ordinal));
            foreach (var command in commands)
            {
                var (code, stdout, stderr) = await ChildProcess.RunAsync(new ProcessStartInfo("dotnet", command.Replace("/app/publish", output, StringComparison.Ordinal)) { WorkingDirectory = root }, TimeSpan.FromMinutes(10));
                var log = stdout + stderr;
                Assert.True(code == 0, $"`dotnet {command}` failed:\n{log}");
            }

            Assert.True(File.Exists(Path.Combine(output, "ConcurrencyService.Api.dll")));
            Assert.True(File.Exists(Path.Combine(output, "ConcurrencyService.WorkerHost.dll")));
            await RunPublishedApiAsync(output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task RunPublishedApiAsync(string folder)
    {
        // The image's ENTRYPOINT: dotnet ConcurrencyService.Api.dll, in /app. Disposing sends SIGTERM, as `docker stop`
        // does: the API stops its worker host, which removes its socket.
        await using var api = await ServiceProcess.StartAsync(Path.Combine(folder, "ConcurrencyService.Api.dll"), ["--Executors:Processes:Workers=2"]);
        using var http = api.CreateClient();
        var job = await new JobsClient(http).RunAsync(new { workload = "cpu.primes", parameters = new { below = 1_000_000 }, executor = "processes", tasks = 2 });
        Assert.Equal(37_550_402_023L, job["result"]!["sum"]!.GetValue<long>());
        Assert.All(job["taskRuns"]!.AsArray(), t => Assert.NotEqual(api.ProcessId, t!["processId"]!.GetValue<int>()));
        await AssertLeanWorkersRunEveryWorkloadAsync(folder, new JobsClient(http));
    }

    // The published worker is self-contained, trimmed and precompiled (the Worker project), a build that Debug tests never
    // run: every standard workload must give the same result on it as on threads, with its pieces and outputs in JSON
    // that has no reflection to fall back on.
    private static async Task AssertLeanWorkersRunEveryWorkloadAsync(string folder, JobsClient jobs)
    {
        var lean = Path.Combine(folder, "worker-host", WorkerStart.LeanFolder, WorkerStart.ExecutableName);
        Assert.True(File.Exists(lean), $"No lean worker at {lean}.");
        (string Workload, string Parameters)[] cases =
        [
            ("cpu.primes", """{"below":100003}"""),
            ("cpu.sqrt", """{"count":100003}"""),
            ("cpu.squares", """{"iterations":100003}"""),
            ("cpu.countdown", """{"from":1000003}"""),
            ("cpu.montecarlo", """{"paths":20001,"seed":3}"""),
            ("mixed", """{"cpuMs":2,"waitMs":2,"rounds":5}"""),
            ("io.sleep", """{"ms":20}"""),
            ("io.file", """{"bytes":65536}"""),
        ];
        Assert.Equal(StandardWorkloads.All.Select(w => w.Name).Where(n => n != "io.http").Order(), cases.Select(c => c.Workload).Order());
        foreach (var (workload, parameters) in cases)
        {
            var threads = await jobs.RunAsync(new { workload, parameters = JsonNode.Parse(parameters), executor = "threads", tasks = 2 });
            var processes = await jobs.RunAsync(new { workload, parameters = JsonNode.Parse(parameters), executor = "processes", tasks = 2 });

            Assert.True(JobsClient.Status(processes) == "succeeded", $"{workload} on the lean worker: {processes.ToJsonString()}");
            if (workload.StartsWith("cpu.", StringComparison.Ordinal) || workload == "mixed")
            {
                Assert.Equal(threads["result"]!.ToJsonString(), processes["result"]!.ToJsonString());
            }

            foreach (var task in processes["taskRuns"]!.AsArray())
            {
                // A warm worker is still running: its executable is the lean one.
                var exe = new FileInfo($"/proc/{task!["processId"]!.GetValue<int>()}/exe").ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                Assert.Equal(Path.GetFullPath(lean), exe);
            }
        }
    }

    [GeneratedRegex(@"^RUN dotnet (.+)$")]
    private static partial Regex DotnetRun();
}
