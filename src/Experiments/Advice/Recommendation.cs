namespace ConcurrencyService.Experiments.Advice;

/// <summary>The advice for one kind of runtime, with its reasons in plain words.</summary>
public sealed record Recommendation(Choice Choice, IReadOnlyList<string> Reasons);
