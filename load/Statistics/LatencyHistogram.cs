using System.Numerics;

namespace ConcurrencyService.Load.Statistics;

/// <summary>
/// A log-linear histogram of durations in microseconds, in the manner of HdrHistogram: values below
/// <c>2 × 10^digits</c> µs are counted exactly, larger ones in buckets whose width is at most 1/(10^digits) of their
/// value, so every percentile is within that relative error. Min, max, mean and standard deviation are exact.
/// Not thread-safe: a recorder guards it.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Values above this are counted as this (one hour); exact max still reports them.</summary>
    public const long HighestTrackableMicros = 3_600_000_000;

    private readonly int _subBucketBits;
    private readonly long[] _counts;
    private double _sum;
    private double _sumOfSquares;

    public LatencyHistogram(int significantDigits = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, 1, nameof(significantDigits));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, 4, nameof(significantDigits));
        SignificantDigits = significantDigits;
        var exactBelow = 2 * (long)Math.Pow(10, significantDigits);
        _subBucketBits = (int)Math.Ceiling(Math.Log2(exactBelow));
        _counts = new long[IndexOf(HighestTrackableMicros) + 1];
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
        _counts[IndexOf(Math.Min(micros, HighestTrackableMicros))]++;
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

        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        MinMicros = Math.Min(MinMicros, other.MinMicros);
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
        _sum += other._sum;
        _sumOfSquares += other._sumOfSquares;
    }

    /// <summary>
    /// The smallest recorded value such that <paramref name="percentile"/> % of the values are at or below it, as the
    /// highest value of its bucket (so never an underestimate), clamped to the exact min and max.
    /// </summary>
    public long PercentileMicros(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0, nameof(percentile));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100, nameof(percentile));
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(HighestValueAt(i), MinMicros, MaxMicros);
            }
        }

        return MaxMicros;
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

    // Index layout: [0, 2^bits) counts values exactly; then each power of two above holds 2^(bits-1) sub-buckets.
    private int IndexOf(long value)
    {
        var exact = 1L << _subBucketBits;
        if (value < exact)
        {
            return (int)value;
        }

        var shift = BitOperations.Log2((ulong)value) - (_subBucketBits - 1);
        var sub = value >> shift; // in [half, exact)
        var half = exact >> 1;
        return (int)(exact + ((shift - 1) * half) + (sub - half));
    }

    private long HighestValueAt(int index)
    {
        var exact = 1L << _subBucketBits;
        if (index < exact)
        {
            return index;
        }

        var half = exact >> 1;
        var shift = ((index - exact) / half) + 1;
        var sub = ((index - exact) % half) + half;
        return ((sub + 1) << (int)shift) - 1;
    }
}
