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

        public void Record(JobStatus from, JobStatus to)
        {
            Adjust(from, -1);
            Adjust(to, +1);
        }

        private void Adjust(JobStatus status, int delta)
        {
            switch (status)
            {
                case JobStatus.Running: Interlocked.Add(ref _running, delta); break;
                case JobStatus.Succeeded when delta > 0: Interlocked.Increment(ref _succeeded); break;
                case JobStatus.Failed when delta > 0: Interlocked.Increment(ref _failed); break;
                case JobStatus.Cancelled when delta > 0: Interlocked.Increment(ref _cancelled); break;
                case JobStatus.TimedOut when delta > 0: Interlocked.Increment(ref _timedOut); break;
                default: break;
            }
        }
    }
}
