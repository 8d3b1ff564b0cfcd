namespace ConcurrencyService.Core.Executors.Processes;

/// <summary>Which build of the worker a worker host starts (see <c>WorkerStart.Locate</c>).</summary>
public enum WorkerFlavour
{
    /// <summary>Self-contained, trimmed and ReadyToRun: a Release build's worker when no plugins are configured.</summary>
    Lean,

    /// <summary>The framework-dependent build that can load plugins: with plugins configured, or where no lean worker was built (Debug).</summary>
    FrameworkDependent,
}
