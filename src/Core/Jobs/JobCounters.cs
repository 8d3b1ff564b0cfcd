using ConcurrencyService.Core.Executors;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// This node's job counts per executor since start-up, kept by the job lifecycle as the jobs it runs change status. The
/// queue's depth is not here: it is shared by every node, so it is counted in the store (<see cref="IJobStore.CountAsync"/>).
/// </summary>
public sealed class JobCounters
{
    private readonly Counters[] _counters = [.. Enum.GetValues<ExecutorKind>().Select(_ => new Counters())];

    public Counters For(ExecutorKind executor) => _counters[(int)executor];

    public sealed class Counters
    {
        private int _running;
        private long _succeeded;
        private long _failed;
        private long _cancelled;
        private long _timedOut;

        public int Running => Volatile.Read(ref _running);

        public long Succeeded => Interlocked.Read(ref _succeeded);

        public long Failed => Interlocked.Read(ref _failed);

        public long Cancelled => Interlocked.Read(ref _cancelled);

        public long TimedOut => Interlocked.Read(ref _timedOut);

        /// <summary>A status change this node wrote: counts the finished ones (running is counted by the runs themselves).</summary>
        public void Record(JobStatus from, JobStatus to)
        {
            Adjust(from, -1);
            Adjust(to, +1);
        }

        /// <summary>
        /// A run on this node has started its first task. Running counts runs, not writes: a run whose start or end could
        /// not be written (the storage away), or whose job another node took over, still leaves the count when it ends.
        /// </summary>
        public void RunStarted() => Interlocked.Increment(ref _running);

        /// <summary>A run counted by <see cref="RunStarted"/> has ended.</summary>
        public void RunEnded() => Interlocked.Decrement(ref _running);

        private void Adjust(JobStatus status, int delta)
        {
            switch (status)
            {
                case JobStatus.Succeeded when delta > 0: Interlocked.Increment(ref _succeeded); break;
                case JobStatus.Failed when delta > 0: Interlocked.Increment(ref _failed); break;
                case JobStatus.Cancelled when delta > 0: Interlocked.Increment(ref _cancelled); break;
                case JobStatus.TimedOut when delta > 0: Interlocked.Increment(ref _timedOut); break;
                default: break;
            }
        }
    }
}
