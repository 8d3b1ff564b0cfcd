using ConcurrencyService.Api.Queue;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Jobs;

/// <summary>The longest job a request may ask for must end before the queue would hand its entry out again.</summary>
public sealed class JobRunLimitValidator(IOptions<QueueOptions> queue) : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var longest = TimeSpan.FromMilliseconds(options.MaxTimeoutMs) + TimeSpan.FromSeconds(queue.Value.ShutdownGraceSeconds);
        return longest < queue.Value.InvisibilityTimeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Jobs:MaxTimeoutMs ({options.MaxTimeoutMs} ms) plus Queue:ShutdownGraceSeconds must stay below Queue:InvisibilityTimeout " +
                $"({queue.Value.InvisibilityTimeout}), or a job still running could be handed to a second node. Raise Queue:InvisibilityTimeout.");
    }
}
