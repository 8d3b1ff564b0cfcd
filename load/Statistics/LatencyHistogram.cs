using HdrHistogram;

namespace ConcurrencyService.Load.Statistics;

/// <summary>
/// Durations in microseconds on an HdrHistogram (<see cref="LongHistogram"/>): every percentile is within
/// 1/(10^digits) of the recorded value, up to an hour. Min, max, mean and standard deviation are kept exactly beside it
/// (HdrHistogram's own come from bucket midpoints). Not thread-safe: a recorder guards it.
/// </summary>
/// <remarks>
/// No <see cref="HistogramBase.RecordValueWithExpectedInterval"/>: the open model already times each iteration from its
/// intended start (<see cref="IterationResult"/>), which corrects coordinated omission at the source; synthesising values
/// on top would count the delay twice.
/// </remarks>
public sealed class LatencyHistogram
{
    /// <summary>Values above this are counted as this (one hour); exact max still reports them.</summary>
    public const long HighestTrackableMicros = 3_600_000_000;

    private readonly LongHistogram _histogram;
    private double _sum;
    private double _sumOfSquares;

    public LatencyHistogram(int significantDigits = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, 1, nameof(significantDigits));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, 4, nameof(significantDigits));
        SignificantDigits = significantDigits;
        _histogram = new LongHistogram(HighestTrackableMicros, significantDigits);
    }

    public int SignificantDigits { get; }

    public long Count { get; private set; }

    public long MinMicros { get; private set; } = long.MaxValue;

    public long MaxMicros { get; private set; }

    public double MeanMicros => Count == 0 ? 0 : _sum / Count;

    /// <summary>Population standard deviation.</summary>
    public double StdDevMicros => Count == 0 ? 0 : Math.Sqrt(Math.Max(0, (_sumOfSquares / Count) - (MeanMicros * MeanMicros)));

    public void Record(TimeSpan duration) => RecordMicros((long)Math.Round(duration.TotalMicroseconds));

    public void RecordMicros(long micros)
    {
        micros = Math.Max(0, micros);
        _histogram.RecordValue(Math.Min(micros, HighestTrackableMicros));
        Count++;
        MinMicros = Math.Min(MinMicros, micros);
        MaxMicros = Math.Max(MaxMicros, micros);
        _sum += micros;
        _sumOfSquares += (double)micros * micros;
    }

    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.SignificantDigits != SignificantDigits)
        {
            throw new ArgumentException("Only histograms of the same precision can be added.", nameof(other));
        }

        _histogram.Add(other._histogram);
        Count += other.Count;
        MinMicros = Math.Min(MinMicros, other.MinMicros);
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
        _sum += other._sum;
        _sumOfSquares += other._sumOfSquares;
    }

    /// <summary>
    /// HdrHistogram's percentile: the value at rank <c>p/100 × count</c> (rounded half up, at least 1), as the highest
    /// value of its bucket (so never an underestimate), clamped to the exact min and max.
    /// </summary>
    public long PercentileMicros(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0, nameof(percentile));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100, nameof(percentile));
        if (Count == 0)
        {
            return 0;
        }

        return percentile >= 100 ? MaxMicros : Math.Clamp(_histogram.GetValueAtPercentile(percentile), MinMicros, MaxMicros);
    }

    public LatencySummary Summarize() => Count == 0
        ? LatencySummary.Empty
        : new(
            Count,
            Ms(MinMicros),
            Ms(MeanMicros),
            Ms(MaxMicros),
            Ms(StdDevMicros),
            Ms(PercentileMicros(50)),
            Ms(PercentileMicros(75)),
            Ms(PercentileMicros(90)),
            Ms(PercentileMicros(95)),
            Ms(PercentileMicros(99)),
            Ms(PercentileMicros(99.9)));

    private static double Ms(double micros) => Math.Round(micros / 1000, 3);
}
