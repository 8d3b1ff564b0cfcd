using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// A full disk ends only the jobs that write to it, and says why. The API runs as a child process in a mount namespace
/// of its own (<c>unshare</c>, no root needed) whose scratch root is a small tmpfs; the test fills the tmpfs's inodes
/// through <c>/proc/{pid}/root</c>, so creating a file fails with ENOSPC whatever its size, the way a real full disk does.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cs-full-disk-").FullName;

    [Fact]
    public async Task FileJobs_OnAFullDisk_FailSayingSo_OnBothExecutors_WhileOtherJobsRun_AndSucceedOnceThereIsRoom()
    {
        string[] wrapper = ["unshare", "--map-root-user", "--mount", "sh", "-c", """mount -t tmpfs -o size=64m,nr_inodes=64 tmpfs "$0" && exec "$@" """, _root];
        await using var api = await ServiceProcess.StartAsync(
            ServiceProcess.BuildOutputDll,
            ["--Executors:Processes:Workers=1", $"--Workloads:File:ScratchRoot={_root}", "--Workloads:File:MinFreeBytes=0"],
            wrapper: wrapper);
        using var http = api.CreateClient();
        var jobs = new JobsClient(http);
        await ProcessesApiFactory.WaitUntilReadyAsync(http);
        var scratchRoot = $"/proc/{api.ProcessId}/root{_root}";
        var fillers = Fill(scratchRoot);

        var onThreads = await jobs.SubmitAsync(new { workload = "io.file", parameters = new { bytes = 65_536 }, executor = "threads" });
        var onProcesses = await jobs.SubmitAsync(new { workload = "io.file", parameters = new { bytes = 65_536 }, executor = "processes" });
        var sleeps = new[] { "threads", "processes" }
            .Select(executor => jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 50 }, tasks = 2, executor }));

        foreach (var id in new[] { onThreads, onProcesses })
        {
            var job = await jobs.WaitAsync(id);
            Assert.True(JobsClient.Status(job) == "failed", job.ToJsonString());
            Assert.Contains("No space left on device", job["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        foreach (var id in await Task.WhenAll(sleeps))
        {
            var job = await jobs.WaitAsync(id);
            Assert.True(JobsClient.Status(job) == "succeeded", job.ToJsonString());
        }

        using (var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        fillers.ForEach(File.Delete);
        foreach (var executor in new[] { "threads", "processes" })
        {
            var job = await jobs.RunAsync(new { workload = "io.file", parameters = new { bytes = 65_536 }, executor });
            Assert.True(JobsClient.Status(job) == "succeeded", job.ToJsonString());
        }

        Assert.True(await api.StopAsync(), $"The API did not stop on SIGTERM:\n{api.Output}");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Creates empty files until the tmpfs has no inode left; returns them.</summary>
    private static List<string> Fill(string folder)
    {
        var files = new List<string>();
        while (true)
        {
            var file = Path.Combine(folder, $"filler-{files.Count}");
            try
            {
                File.Create(file).Dispose();
            }
            catch (IOException ex) when (ex.HResult == 28 || ex.Message.Contains("No space left", StringComparison.Ordinal))
            {
                Assert.NotEmpty(files);
                return files;
            }

            files.Add(file);
            Assert.True(files.Count < 64, $"{folder} took 64 files without running out of inodes: it is not the small tmpfs");
        }
    }
}
