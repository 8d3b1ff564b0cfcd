using System.Xml.Linq;
using ConcurrencyService.Api.Experiments.Results;

namespace ConcurrencyService.Api.Tests;

public sealed class SpeedupChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_DrawsOneLinePerExecutor_TheIdealDashed_AxesAndALegend()
    {
        var svg = XDocument.Parse(SpeedupChart.Render("Primes <below> 1,000,000 & more", "speedup over sequential",
        [
            new ChartSeries("threads", [new(1, 1), new(2, 1.9), new(4, 1.95)]),
            new ChartSeries("threads+gil", [new(1, 1), new(2, 0.98), new(4, 0.97)]),
        ]));

        var lines = svg.Descendants(Svg + "polyline").ToList();
        Assert.Equal(3, lines.Count); // two executors and the ideal
        Assert.Single(lines, l => l.Attribute("stroke-dasharray") is not null);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Primes <below> 1,000,000 & more", texts); // escaped in the document, intact once parsed
        Assert.Contains("threads+gil", texts);
        Assert.Contains("ideal (speedup = N)", texts);
        Assert.Contains("workers (N)", texts);
        Assert.Contains("speedup over sequential", texts);
        Assert.Contains("4", texts); // a tick per worker count
        Assert.Equal(6, svg.Descendants(Svg + "circle").Count());
    }

    [Fact]
    public void Render_WideWorkerRange_UsesALogScale_AndNoSeriesStillParses()
    {
        var wide = XDocument.Parse(SpeedupChart.Render("t", "y", [new ChartSeries("processes", [new(1, 1), new(64, 2)])]));
        var empty = XDocument.Parse(SpeedupChart.Render("t", "y", []));

        Assert.Contains(wide.Descendants(Svg + "text"), t => t.Value.Contains("log scale", StringComparison.Ordinal));
        Assert.Single(empty.Descendants(Svg + "polyline")); // just the ideal
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.2, 2)]
    [InlineData(2.1, 2.5)]
    [InlineData(4.4, 5)]
    [InlineData(11, 20)]
    public void NiceCeiling_RoundsUpTo1_2_2Point5_Or5TimesAPowerOfTen(double value, double nice) =>
        Assert.Equal(nice, SpeedupChart.NiceCeiling(value), 10);
}
