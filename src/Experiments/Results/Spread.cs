namespace ConcurrencyService.Experiments.Results;

/// <summary>How much repeated runs of one cell varied.</summary>
/// <param name="StdDev">Sample standard deviation; only with three or more runs.</param>
/// <param name="Iqr">Interquartile range (third minus first quartile); only with three or more runs.</param>
public sealed record Spread(double Min, double Max, double? StdDev, double? Iqr);
