namespace ConcurrencyService.Experiments.Advice;

/// <summary>A measured value with its 95% confidence interval.</summary>
/// <param name="Low">The interval's lower end; null (with <paramref name="High"/>) where too few runs give no 95% interval.</param>
public sealed record Estimate(double Value, double? Low, double? High)
{
    public bool HasInterval => Low is not null && High is not null;

    /// <summary>The interval lies wholly above <paramref name="threshold"/>.</summary>
    public bool Above(double threshold) => Low > threshold;

    /// <summary>The interval lies wholly below <paramref name="threshold"/>.</summary>
    public bool Below(double threshold) => High < threshold;

    public Estimate Times(double factor) => new(Value * factor, Low * factor, High * factor);
}
