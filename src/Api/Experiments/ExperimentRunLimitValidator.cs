using ConcurrencyService.Api.Queue;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Experiments;

/// <summary>The longest experiment must end before the queue would hand its entry out again.</summary>
public sealed class ExperimentRunLimitValidator(IOptions<QueueOptions> queue) : IValidateOptions<ExperimentsOptions>
{
    public ValidateOptionsResult Validate(string? name, ExperimentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxRunTime + TimeSpan.FromSeconds(queue.Value.ShutdownGraceSeconds) < queue.Value.InvisibilityTimeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Experiments:MaxRunTime ({options.MaxRunTime}) plus Queue:ShutdownGraceSeconds must stay below Queue:InvisibilityTimeout " +
                $"({queue.Value.InvisibilityTimeout}), or a running experiment could be handed to a second node. Raise Queue:InvisibilityTimeout.");
    }
}
