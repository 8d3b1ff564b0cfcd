using Hangfire.States;

namespace ConcurrencyService.Api.Queue;

/// <summary>
/// Makes Hangfire's view agree with the service's: a run that returned a failed outcome ends <c>Failed</c> with the reason
/// (no exception was thrown, so nothing is retried), a cancelled one ends <c>Deleted</c>. Succeeded runs stay <c>Succeeded</c>.
/// </summary>
public sealed class OutcomeStateFilter : IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is not SucceededState { Result: RunOutcome outcome })
        {
            return;
        }

        context.CandidateState = outcome.Kind switch
        {
            RunOutcomeKind.Failed => new FailedState(new RunFailedException(outcome.Reason ?? "The run failed.")) { Reason = outcome.Reason },
            RunOutcomeKind.Cancelled => new DeletedState { Reason = outcome.Reason },
            _ => context.CandidateState,
        };
    }
}
