using System.Globalization;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Workloads;

/// <summary>
/// This service's own scratch folder for <c>io.file</c>, <c>{ScratchRoot}/{pid}-{random}</c>: the threads executor's tasks
/// write there and the worker processes too (their temp folder is pointed at it). Whatever ends a task — a cancel, a
/// timeout, a killed worker, a stopped service — its file is swept: a file names the process that wrote it
/// (<c>io-file-{pid}-…</c>) and is deleted once that process is gone, the folder is emptied at start and removed at stop,
/// and the folders of services that died are removed by the next one to start.
/// </summary>
public sealed class ScratchFolder(IOptions<FileWorkloadOptions> options, ILogger<ScratchFolder> logger)
{
    public string Path { get; } = System.IO.Path.Combine(options.Value.ScratchRoot, $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>Null when a job writing <paramref name="bytesPerTask"/> in each of <paramref name="tasks"/> tasks fits; otherwise why not.</summary>
    public string? CheckBudget(long bytesPerTask, int tasks)
    {
        var total = bytesPerTask * tasks;
        var limits = options.Value;
        if (total > limits.MaxBytesPerJob)
        {
            return $"io.file would write {total:N0} bytes at once ({bytesPerTask:N0} × {tasks} tasks), more than Workloads:File:MaxBytesPerJob ({limits.MaxBytesPerJob:N0}). Lower 'bytes' or 'tasks'.";
        }

        var free = FreeBytes();
        return free - total < limits.MinFreeBytes
            ? $"io.file would write {total:N0} bytes ({bytesPerTask:N0} × {tasks} tasks), but the scratch folder's disk has {free:N0} bytes free and must keep Workloads:File:MinFreeBytes ({limits.MinFreeBytes:N0}). Lower 'bytes' or 'tasks'."
            : null;
    }

    /// <summary>Creates the folder (empty), and removes those of services that are no longer running.</summary>
    public void Create()
    {
        Directory.CreateDirectory(Path);
        foreach (var folder in Directory.EnumerateDirectories(options.Value.ScratchRoot))
        {
            if (OwnerOf(System.IO.Path.GetFileName(folder)) is { } pid && !IsAlive(pid))
            {
                Delete(folder);
            }
        }
    }

    /// <summary>Deletes the files of processes that have ended (a killed worker's, whose own clean-up never ran). Returns how many.</summary>
    public int SweepOrphans()
    {
        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(Path, "io-file-*"))
        {
            if (OwnerOf(System.IO.Path.GetFileName(file)["io-file-".Length..]) is { } pid && !IsAlive(pid))
            {
                try
                {
                    File.Delete(file);
                    swept++;
                }
                catch (IOException ex)
                {
                    logger.LogWarning("Could not delete the orphaned scratch file {File}: {Message}", file, ex.Message);
                }
            }
        }

        return swept;
    }

    /// <summary>Removes the folder and everything in it; the service is stopping and nothing writes there any more.</summary>
    public void Remove() => Delete(Path);

    private long FreeBytes()
    {
        Directory.CreateDirectory(Path);
        return new DriveInfo(Path).AvailableFreeSpace;
    }

    private void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove the scratch folder {Folder}: {Message}", folder, ex.Message);
        }
    }

    /// <summary>The pid a name starts with (<c>{pid}-…</c>), if it does.</summary>
    private static int? OwnerOf(string name) =>
        name.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
