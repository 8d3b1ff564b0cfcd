using Microsoft.AspNetCore.Http.HttpResults;

namespace ConcurrencyService.Api.Submissions;

/// <summary>What a submitter made of a valid request: accepted (and how long a repeat gets the same answer), or refused.</summary>
public readonly record struct SubmitOutcome<TAccepted>(Accepted<TAccepted>? Accepted, TimeSpan KeepAnswerFor, ProblemHttpResult? Refused);

/// <summary>Makes a <see cref="SubmitOutcome{TAccepted}"/>.</summary>
public static class SubmitOutcome
{
    public static SubmitOutcome<TAccepted> Accept<TAccepted>(Accepted<TAccepted> accepted, TimeSpan keepAnswerFor) => new(accepted, keepAnswerFor, null);

    public static SubmitOutcome<TAccepted> Refuse<TAccepted>(ProblemHttpResult refused) => new(null, TimeSpan.Zero, refused);
}
