namespace ConcurrencyService.WorkerHost.Processes;

/// <summary>How a worker process ended: its exit code (128 + N for death by signal N on Unix) and the last telling line of its stderr.</summary>
public sealed record WorkerExit(int ProcessId, int ExitCode, string? LastError)
{
    /// <summary>"exited with code 3" or "was killed by signal 6 (SIGABRT)".</summary>
    public string How => !OperatingSystem.IsWindows() && ExitCode is > 128 and < 128 + 65
        ? $"was killed by signal {ExitCode - 128}{SignalName(ExitCode - 128)}"
        : $"exited with code {ExitCode}";

    /// <summary>For a task's error: "worker process 4242 was killed by signal 6 (SIGABRT): Stack overflow."</summary>
    public string Describe() => $"worker process {ProcessId} {How}{Suffix}";

    /// <summary>For a slot's history: "pid 4242 exited with code 3".</summary>
    public string Brief() => $"pid {ProcessId} {How}{Suffix}";

    private string Suffix => string.IsNullOrEmpty(LastError) ? "" : $": {LastError}";

    private static string SignalName(int signal) => signal switch
    {
        1 => " (SIGHUP)",
        2 => " (SIGINT)",
        4 => " (SIGILL)",
        6 => " (SIGABRT)",
        7 => " (SIGBUS)",
        8 => " (SIGFPE)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        13 => " (SIGPIPE)",
        15 => " (SIGTERM)",
        _ => "",
    };
}
