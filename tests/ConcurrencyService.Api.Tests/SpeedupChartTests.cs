using System.Xml.Linq;
using ConcurrencyService.Experiments.Results;

namespace ConcurrencyService.Api.Tests;

public sealed class SpeedupChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Draw_GivesAnSvgWithOneLinePerExecutor_TheIdealDashed_AndAPngOfTheSameChart()
    {
        var chart = SpeedupChart.Draw("Primes <below> 1,000,000 & more", "speedup over sequential",
        [
            new ChartSeries("threads", [new(1, 1), new(2, 1.9), new(4, 1.95)]),
            new ChartSeries("threads+gil", [new(1, 1), new(2, 0.98), new(4, 0.97)]),
        ]);

        var svg = XDocument.Parse(chart.Svg);
        Assert.Equal(Svg + "svg", svg.Root!.Name);
        var strokes = svg.Descendants(Svg + "path").Select(p => (string?)p.Attribute("stroke")).ToList();
        Assert.Contains("#1F77B4", strokes); // threads, in its colour on every chart
        Assert.Contains("#D62728", strokes); // threads+gil
        Assert.Contains(svg.Descendants(Svg + "path"), IsIdeal); // the dashes, drawn as filled segments
        var texts = Texts(svg);
        Assert.Contains("Primes <below> 1,000,000 & more", texts); // escaped in the document, intact once parsed
        Assert.Contains("threads+gil", texts);
        Assert.Contains(SpeedupChart.Ideal, texts);
        Assert.Contains("workers (N)", texts);
        Assert.Contains("speedup over sequential", texts);
        Assert.Contains("4", texts); // a tick per worker count
        Assert.Equal(PngSignature, chart.Png[..8]);
        Assert.True(chart.Png.Length > 5_000, $"a PNG of {chart.Png.Length} bytes is too small to hold the chart");
    }

    [Fact]
    public void Draw_WideWorkerRange_UsesALogScale_AndNoSeriesStillDrawsTheIdeal()
    {
        var wide = XDocument.Parse(SpeedupChart.Render("t", "y", [new ChartSeries("processes", [new(1, 1), new(64, 2)])]));
        var narrow = XDocument.Parse(SpeedupChart.Render("t", "y", [new ChartSeries("processes", [new(1, 1), new(4, 2)])]));
        var empty = XDocument.Parse(SpeedupChart.Render("t", "y", []));

        Assert.Contains("workers (N), log scale", Texts(wide));
        Assert.Contains("64", Texts(wide));
        Assert.Contains("workers (N)", Texts(narrow));
        Assert.Contains(empty.Descendants(Svg + "path"), IsIdeal);
        Assert.Contains(SpeedupChart.Ideal, Texts(empty));
    }

    private static bool IsIdeal(XElement path) => (string?)path.Attribute("fill") == "#777";

    private static List<string> Texts(XDocument svg) => [.. svg.Descendants(Svg + "text").Select(t => t.Value.Trim())];

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.2, 2)]
    [InlineData(2.1, 2.5)]
    [InlineData(4.4, 5)]
    [InlineData(11, 20)]
    public void NiceCeiling_RoundsUpTo1_2_2Point5_Or5TimesAPowerOfTen(double value, double nice) =>
        Assert.Equal(nice, SpeedupChart.NiceCeiling(value), 10);
}
