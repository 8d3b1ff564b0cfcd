using ConcurrencyService.Core.Queue;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Jobs;

/// <summary>The longest job a request may ask for must end before the queue would hand its entry out again.</summary>
public sealed class JobRunLimitValidator(IOptions<QueueOptions> queue) : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return queue.Value.CheckLongestRun(TimeSpan.FromMilliseconds(options.MaxTimeoutMs), "Jobs:MaxTimeoutMs");
    }
}
