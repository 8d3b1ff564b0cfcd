using System.CommandLine;
using ConcurrencyService.Load.Cli;
using ConcurrencyService.Load.Commands;
using ConcurrencyService.Load.Server;
using Spectre.Console;

namespace ConcurrencyService.Load;

/// <summary>The runner as a function of its arguments, so tests run exactly what the console runs.</summary>
public static class LoadApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var commandLine = new LoadCommandLine { Console = console };
        var parsed = commandLine.Root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.MarkupLineInterpolated($"[red]{error.Message}[/]");
            }

            console.MarkupLine("Run with [bold]--help[/] for the commands and options.");
            return ExitCodes.Usage;
        }

        try
        {
            // Ctrl+C is handled by the caller's token: the embedded server must be stopped, which takes longer than
            // System.CommandLine's own termination timeout allows.
            return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (ServerStartException ex)
        {
            console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return ExitCodes.CouldNotRun;
        }
        catch (HttpRequestException ex)
        {
            console.MarkupLineInterpolated($"[red]The server could not be reached: {ex.Message}[/]");
            return ExitCodes.CouldNotRun;
        }
    }
}
