namespace ConcurrencyService.Load.Models;

/// <summary>
/// The intended start times of an open model: a rate that rises linearly from 0 to <see cref="Rate"/> over
/// <see cref="Ramp"/>, then holds. Iteration i starts when the integral of the rate reaches i, so with no ramp
/// iteration i is due at i / rate.
/// </summary>
public sealed record OpenSchedule(double Rate, TimeSpan Ramp)
{
    private double RampSeconds => Ramp.TotalSeconds;

    /// <summary>Iterations due by <paramref name="at"/>: the integral of the rate from 0 to it.</summary>
    public double ArrivalsBy(TimeSpan at)
    {
        var t = Math.Max(0, at.TotalSeconds);
        if (t <= RampSeconds)
        {
            return Rate * t * t / (2 * RampSeconds);
        }

        return (Rate * RampSeconds / 2) + (Rate * (t - RampSeconds));
    }

    /// <summary>When iteration <paramref name="index"/> (from 0) is due.</summary>
    public TimeSpan StartOf(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var rampArrivals = Rate * RampSeconds / 2;
        var seconds = index <= rampArrivals && RampSeconds > 0
            ? Math.Sqrt(2 * RampSeconds * index / Rate)
            : RampSeconds + ((index - rampArrivals) / Rate);
        return TimeSpan.FromSeconds(seconds);
    }
}
