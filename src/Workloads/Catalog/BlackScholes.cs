namespace ConcurrencyService.Workloads.Catalog;

/// <summary>The closed-form Black–Scholes price of a European call, the reference for <c>cpu.montecarlo</c>.</summary>
public static class BlackScholes
{
    private const double InverseSqrtTwoPi = 0.398942280401432677939946059934;

    /// <summary>C = S·Φ(d1) − K·e^(−rT)·Φ(d2), with d1 = (ln(S/K) + (r + σ²/2)T) / (σ√T) and d2 = d1 − σ√T.</summary>
    public static double Call(double spot, double strike, double rate, double volatility, double years)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spot);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strike);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(volatility);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(years);
        var sigmaRootT = volatility * Math.Sqrt(years);
        var d1 = (Math.Log(spot / strike) + ((rate + (volatility * volatility / 2)) * years)) / sigmaRootT;
        var d2 = d1 - sigmaRootT;
        return (spot * NormalCdf(d1)) - (strike * Math.Exp(-rate * years) * NormalCdf(d2));
    }

    /// <summary>
    /// The standard normal distribution function Φ(x) by Hart's rational approximation (algorithm 5666, as given by
    /// Graeme West, "Better approximations to cumulative normal functions", 2005). It approximates the tail
    /// Φ(−|x|) directly, so the absolute error is below 1e-15 everywhere and the relative error in the tail below 1e-8.
    /// </summary>
    public static double NormalCdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var z = Math.Abs(x);
        double tail;
        if (z > 37)
        {
            tail = 0;
        }
        else
        {
            var e = Math.Exp(-z * z / 2);
            if (z < 7.07106781186547)
            {
                var numerator = (0.0352624965998911 * z) + 0.700383064443688;
                numerator = (numerator * z) + 6.37396220353165;
                numerator = (numerator * z) + 33.912866078383;
                numerator = (numerator * z) + 112.079291497871;
                numerator = (numerator * z) + 221.213596169931;
                numerator = (numerator * z) + 220.206867912376;
                var denominator = (0.0883883476483184 * z) + 1.75566716318264;
                denominator = (denominator * z) + 16.064177579207;
                denominator = (denominator * z) + 86.7807322029461;
                denominator = (denominator * z) + 296.564248779674;
                denominator = (denominator * z) + 637.333633378831;
                denominator = (denominator * z) + 793.826512519948;
                denominator = (denominator * z) + 440.413735824752;
                tail = e * numerator / denominator;
            }
            else
            {
                // Continued fraction for the Mills ratio.
                var fraction = z + 0.65;
                fraction = z + (4 / fraction);
                fraction = z + (3 / fraction);
                fraction = z + (2 / fraction);
                fraction = z + (1 / fraction);
                tail = e / fraction * InverseSqrtTwoPi;
            }
        }

        return x > 0 ? 1 - tail : tail;
    }
}
