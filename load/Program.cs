using ConcurrencyService.Load;
using Spectre.Console;

// dotnet run -c Release --project load -- compare      (see docs/load-testing.md)
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop politely: the embedded server is stopped on the way out
    cancellation.Cancel();
};

// Redirected output (CI logs, files) has no width; the default 80 columns would wrap the summary tables.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
}

try
{
    return await LoadApp.RunAsync(args, AnsiConsole.Console, cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
    return 130;
}
