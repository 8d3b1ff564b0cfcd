namespace ConcurrencyService.Experiments.Charts;

/// <summary>One chart drawn twice: as SVG (scalable, inline in HTML) and as PNG (for Markdown viewers and mail).</summary>
public sealed record ChartImage(string Svg, byte[] Png);
