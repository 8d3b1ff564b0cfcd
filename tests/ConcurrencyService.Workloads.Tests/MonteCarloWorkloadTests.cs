using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Catalog;

namespace ConcurrencyService.Workloads.Tests;

public sealed class MonteCarloWorkloadTests
{
    [Theory]
    [InlineData(100, 100, 0.05, 0.2, 1)]
    [InlineData(90, 110, 0.01, 0.35, 2)]
    [InlineData(100, 80, -0.05, 0.5, 0.25)]
    public async Task MonteCarlo_Price_IsWithinFourStandardErrorsOfBlackScholes(double spot, double strike, double rate, double volatility, double years)
    {
        var parameters = new JsonObject
        {
            ["paths"] = 400_000,
            ["spot"] = spot,
            ["strike"] = strike,
            ["rate"] = rate,
            ["volatility"] = volatility,
            ["years"] = years,
        };
        using var scratch = new ScratchDirectory();
        var result = await WorkloadRunner.RunAsync(new MonteCarloWorkload(), parameters.ToJsonString(), 2, scratch.Context());

        var price = result["price"]!.GetValue<double>();
        var standardError = result["standardError"]!.GetValue<double>();
        var blackScholes = result["blackScholes"]!.GetValue<double>();
        Assert.Equal(BlackScholes.Call(spot, strike, rate, volatility, years), blackScholes);
        Assert.Equal(400_000, result["paths"]!.GetValue<long>());
        Assert.InRange(standardError, 1e-6, 0.05 * blackScholes);
        Assert.InRange(price, blackScholes - (4 * standardError), blackScholes + (4 * standardError));
    }

    [Fact]
    public async Task MonteCarlo_SameSeed_IsIdentical_AndAnotherSeedDiffers()
    {
        using var scratch = new ScratchDirectory();
        var workload = new MonteCarloWorkload();

        var first = await WorkloadRunner.RunAsync(workload, """{ "paths": 20000, "seed": 1 }""", 1, scratch.Context());
        var again = await WorkloadRunner.RunAsync(workload, """{ "paths": 20000, "seed": 1 }""", 3, scratch.Context());
        var other = await WorkloadRunner.RunAsync(workload, """{ "paths": 20000, "seed": 2 }""", 1, scratch.Context());

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.NotEqual(first["price"]!.GetValue<double>(), other["price"]!.GetValue<double>());
        Assert.Equal(first["blackScholes"]!.GetValue<double>(), other["blackScholes"]!.GetValue<double>());
    }

    [Fact]
    public async Task MonteCarlo_OnePath_HasZeroStandardError()
    {
        using var scratch = new ScratchDirectory();
        var result = await WorkloadRunner.RunAsync(new MonteCarloWorkload(), """{ "paths": 1 }""", 4, scratch.Context());

        Assert.Equal(0, result["standardError"]!.GetValue<double>());
        Assert.Equal(1, result["paths"]!.GetValue<long>());
    }

    [Fact]
    public void Uniform_IsInUnitIntervalExcludingZero_AndNormalsLookStandard()
    {
        const int n = 200_000;
        double sum = 0, sumOfSquares = 0;
        for (var i = 0; i < n; i++)
        {
            Assert.InRange(MonteCarloWorkload.Uniform(42, i), double.Epsilon, 1.0);
            var z = MonteCarloWorkload.StandardNormal(42, i);
            sum += z;
            sumOfSquares += z * z;
        }

        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(sumOfSquares / n, 0.98, 1.02);
    }

    [Fact]
    public void BlackScholes_AtTheMoney_Is10_4506()
    {
        Assert.Equal(10.4506, BlackScholes.Call(100, 100, 0.05, 0.2, 1), 4);
        Assert.Equal(10.450583572185565, BlackScholes.Call(100, 100, 0.05, 0.2, 1), 1e-10);
    }

    [Theory]
    [InlineData(90, 110, 0.01, 0.35, 2, 11.666912459425511)]
    [InlineData(100, 80, -0.05, 0.5, 0.25, 21.48965961528595)]
    public void BlackScholes_MatchesReferenceValues(double spot, double strike, double rate, double volatility, double years, double expected) =>
        Assert.Equal(expected, BlackScholes.Call(spot, strike, rate, volatility, years), 1e-10);

    /// <summary>References are 0.5·erfc(−x/√2) in double precision (Python's math.erfc).</summary>
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(0.5, 0.6914624612740131)]
    [InlineData(1, 0.8413447460685429)]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(-1.96, 0.024997895148220435)]
    [InlineData(-3, 0.0013498980316300957)]
    [InlineData(3, 0.9986501019683699)]
    [InlineData(-5, 2.866515718791946e-07)]
    [InlineData(-8, 6.220960574271819e-16)]
    [InlineData(-10, 7.619853024160593e-24)]
    [InlineData(-20, 2.7536241186063314e-89)]
    public void NormalCdf_MatchesErfcReference(double x, double expected)
    {
        var actual = BlackScholes.NormalCdf(x);
        Assert.True(Math.Abs(actual - expected) <= Math.Max(1e-15, 1e-8 * expected), $"Φ({x}) = {actual:R}, expected {expected:R}");
    }
}
