namespace ConcurrencyService.Workloads.Tests;

/// <summary>A fresh, empty folder under the system temp folder, deleted on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"workloads-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public WorkloadContext Context(IHttpFetcher? http = null) => new(http ?? new FakeHttpFetcher(), Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
