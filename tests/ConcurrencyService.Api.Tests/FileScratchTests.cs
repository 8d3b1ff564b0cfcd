using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// <c>io.file</c> writes only in the service's own scratch folder and leaves nothing behind whatever ends its tasks — a
/// cancel that kills the worker mid-write, or the service stopping — and a job that would write more than the disk
/// budget allows is refused with a 400 naming the limit.
/// </summary>
public sealed class FileScratchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cs-scratch-test-").FullName;

    [Fact]
    public async Task FileJob_CancelledMidWriteOnProcesses_LeavesNoFile_AndStoppingRemovesTheFolder()
    {
        await using (var api = ApiFactory.With(ProcessesApiFactory.Settings(("Workloads:File:ScratchRoot", _root), ("Workloads:File:MinFreeBytes", "0"))))
        {
            var jobs = new JobsClient(api.CreateApiClient());
            await ProcessesApiFactory.WaitUntilReadyAsync(jobs.Http);
            var id = await jobs.SubmitAsync(new { workload = "io.file", parameters = new { bytes = 256L << 20 }, tasks = 2, executor = "processes" });

            await WaitForAsync(() => Files().Length > 0, "io.file to start writing in the scratch folder");
            using (var cancel = await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative)))
            {
                Assert.True(cancel.IsSuccessStatusCode, $"DELETE answered {(int)cancel.StatusCode}");
            }

            Assert.Equal("cancelled", JobsClient.Status(await jobs.WaitAsync(id)));
            await WaitForAsync(() => Files().Length == 0, $"the cancelled job's files to be swept: {string.Join(", ", Files())}");
            Assert.Single(Directory.GetDirectories(_root)); // this service's folder, still there while it runs
        }

        Assert.Empty(Directory.GetDirectories(_root));
    }

    [Theory]
    [InlineData("Workloads:File:MaxBytesPerJob", "1048576", "MaxBytesPerJob")]
    [InlineData("Workloads:File:MinFreeBytes", "1125899906842624", "MinFreeBytes")] // 1 PiB free: no disk here has it
    public async Task FileJob_OverTheDiskBudget_Is400NamingTheLimit(string setting, string value, string named)
    {
        await using var api = ApiFactory.With(new Dictionary<string, string?> { ["Workloads:File:ScratchRoot"] = _root, [setting] = value });
        var jobs = new JobsClient(api.CreateApiClient());

        using var response = await jobs.PostJsonAsync("""{"workload":"io.file","parameters":{"bytes":1048576},"tasks":2}""");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        var message = JsonNode.Parse(body)!["errors"]!["parameters.bytes"]![0]!.GetValue<string>();
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.Empty(Files());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private string[] Files() => Directory.GetFiles(_root, "io-file-*", SearchOption.AllDirectories);

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited a minute for {what}.");
            await Task.Delay(50);
        }
    }
}
