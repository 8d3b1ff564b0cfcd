namespace ConcurrencyService.Load.Reports;

/// <summary>A table of already formatted cells, rendered alike to the console, Markdown and HTML.</summary>
public sealed record TextTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);
