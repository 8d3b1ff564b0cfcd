using ConcurrencyService.Core.Queue;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Experiments;

/// <summary>The longest experiment must end before the queue would hand its entry out again.</summary>
public sealed class ExperimentRunLimitValidator(IOptions<QueueOptions> queue) : IValidateOptions<ExperimentsOptions>
{
    public ValidateOptionsResult Validate(string? name, ExperimentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return queue.Value.CheckLongestRun(options.MaxRunTime, "Experiments:MaxRunTime");
    }
}
