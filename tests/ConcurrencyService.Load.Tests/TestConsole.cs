using Spectre.Console;

namespace ConcurrencyService.Load.Tests;

/// <summary>A non-interactive console (as in CI) whose output the test can read.</summary>
public sealed class TestConsole : IDisposable
{
    private readonly StringWriter _output = new();

    public TestConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_output),
        });
        Console.Profile.Width = 200;
    }

    public IAnsiConsole Console { get; }

    public string Output => _output.ToString();

    public void Dispose() => _output.Dispose();
}
