using ConcurrencyService.WorkerHost.Processes;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// The pool of worker processes: one <see cref="WorkerSlot"/> per worker pulling from one queue, so a task goes to
/// whichever worker frees up first. A busy warm worker takes one task ahead only while no worker is idle, and gives it
/// back if it ends before starting it. Warm workers start with the host; a crashed, killed or recycled worker is
/// replaced by its slot.
/// </summary>
public sealed class WorkerPool : BackgroundService, ITaskDispatcher
{
    private readonly WorkerPoolOptions _options;
    private readonly TaskQueue _queue = new();
    private readonly PoolCounters _counters = new();
    private readonly Retirement _retirement;
    private readonly SpareProcesses? _spares;
    private readonly WorkerSlot[] _slots;
    private readonly ILogger<WorkerPool> _logger;
    private volatile bool _stopping;

    public WorkerPool(IOptions<WorkerPoolOptions> options, WorkerLauncher launcher, ILogger<WorkerPool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _retirement = new Retirement(_options.StopGracePeriod);
        ProcessStarter Starter(string name) =>
            new(name, launcher, new RestartPolicy(_options.RestartBackoffInitial, _options.RestartBackoffMax), _counters, logger);

        if (_options.IsSpawn && _options.SpareProcesses > 0)
        {
            _spares = new SpareProcesses([.. Enumerable.Range(1, _options.SpareProcesses).Select(i => Starter($"spare-{i}"))], _retirement);
        }

        _slots = [.. Enumerable.Range(1, _options.Workers).Select(i =>
            new WorkerSlot($"worker-{i}", _options, Starter($"worker-{i}"), _queue, _counters, _spares, _retirement, logger))];
    }

    public Task<TaskCompletedMessage> RunAsync(RunTaskMessage task, Action<TaskStartedMessage> started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(started);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromResult(TaskResults.NotStarted(task, TimeSpan.Zero, "cancelled before it was queued"));
        }

        var pending = new PendingTask(task, started, _queue.OnDropped, cancellationToken);
        if (_stopping || !_queue.TryEnqueue(pending))
        {
            pending.Complete(TaskResults.NotStarted(task, TimeSpan.Zero, "the worker host is stopping"));
        }

        return pending.Completion;
    }

    public PoolState Describe()
    {
        var problems = _slots.Select(s => s.Problem).Append(_spares?.Problem).OfType<string>().ToList();
        return new PoolState(
            _options.Mode, _options.Workers, Environment.ProcessId, _queue.Waiting, _counters.TasksCompleted, _counters.TasksFailed,
            _counters.WorkersCrashed, _counters.WorkersKilled, _counters.WorkersRecycled, [.. _slots.Select(s => s.Describe())],
            problems.Count == 0 ? null : string.Join(" | ", problems));
    }

    /// <summary>Kills every worker process now, without a grace period.</summary>
    public void KillAll()
    {
        foreach (var slot in _slots)
        {
            slot.Kill();
        }

        _spares?.KillAll();
        _retirement.KillAll();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Task.Run: starting a process blocks for a moment, and the slots should start theirs side by side.
        var loops = _slots.Select(s => Task.Run(() => s.RunAsync(stoppingToken), CancellationToken.None)).ToList();
        if (_spares is not null)
        {
            loops.Add(_spares.RunAsync(stoppingToken));
        }

        try
        {
            await Task.WhenAll(loops);
        }
        finally
        {
            _stopping = true;
            foreach (var pending in _queue.Close())
            {
                pending.Complete(TaskResults.NotStarted(pending.Message, pending.Waited, "the worker host is stopping"));
            }

            await _retirement.DrainAsync();
            _logger.LogInformation(
                "Worker pool stopped: {Completed} tasks succeeded, {Failed} failed; {Crashed} worker processes crashed, {Killed} killed, {Recycled} recycled",
                _counters.TasksCompleted, _counters.TasksFailed, _counters.WorkersCrashed, _counters.WorkersKilled, _counters.WorkersRecycled);
        }
    }
}
