namespace ConcurrencyService.Workloads;

/// <summary>A problem with a job's parameters, found by <see cref="Workload{TParameters, TPiece, TOutput}.Validate"/>.</summary>
/// <param name="Parameter">The parameter's name as in the request (camelCase), e.g. <c>width</c>.</param>
/// <param name="Message">What is wrong, for the 400 response, e.g. "'width' must not exceed 'height'".</param>
public sealed record ParameterError(string Parameter, string Message);
