using ConcurrencyService.Load.Commands;

namespace ConcurrencyService.Load.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "bench" }, "bench")]
    [InlineData(new[] { "run", "--scenario", "io-threads,gpu" }, "unknown scenario 'gpu'")]
    [InlineData(new[] { "run", "--duration", "20" }, "'20' is not a duration")]
    [InlineData(new[] { "run", "--users", "0" }, "'0' must be a number of 1 or more")]
    [InlineData(new[] { "run", "--users", "many" }, "'many' must be a number")]
    [InlineData(new[] { "run", "--model", "burst" }, "burst")]
    [InlineData(new[] { "run", "--rate", "0" }, "'0' must be a number")]
    [InlineData(new[] { "run", "--target", "localhost:5080" }, "is not an http:// or https:// URL")]
    [InlineData(new[] { "run", "--target", "http://127.0.0.1:1,ftp://127.0.0.1:2" }, "'ftp://127.0.0.1:2' is not an http:// or https:// URL")]
    [InlineData(new[] { "run", "--target", "http://127.0.0.1:1", "--target", "http://127.0.0.1:1/" }, "is given twice")]
    [InlineData(new[] { "run", "--threshold", "cpu-processes: p99 < 2" }, "duration with a unit")]
    [InlineData(new[] { "run", "--scenario", "workload-threads" }, "workload-threads runs the workload named by --workload")]
    [InlineData(new[] { "run", "--parameters", "{\"blocks\":2}" }, "they are the parameters of the --workload")]
    [InlineData(new[] { "run", "--workload", "samples.compress", "--parameters", "[2]" }, "'[2]' is not a JSON object")]
    [InlineData(new[] { "run", "--workload", "samples.compress", "--plugin", "/nowhere/at/all" }, "'/nowhere/at/all' is neither a folder nor a file")]
    [InlineData(new[] { "compare", "--workers", "1,two" }, "'1,two' is not a list of whole numbers")]
    [InlineData(new[] { "compare", "--threshold", "cpu-processes p99 < 2s" }, "does not read as")]
    public async Task BadArguments_AreUsageErrors_WithExitCode2_AndSayWhatIsWrong(string[] args, string expected)
    {
        using var console = new TestConsole();

        var code = await LoadApp.RunAsync(args, console.Console, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, console.Output, StringComparison.Ordinal);
        Assert.Contains("--help", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        using var console = new TestConsole();
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await LoadApp.RunAsync(["--help"], console.Console, CancellationToken.None));
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Contains("compare", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("run", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableTarget_CannotRun_WithExitCode3()
    {
        using var console = new TestConsole();

        // Port 1 on loopback: nothing listens, the connection is refused at once.
        var code = await LoadApp.RunAsync(["run", "--target", "http://127.0.0.1:1", "--out", Path.GetTempPath()], console.Console, CancellationToken.None);

        Assert.Equal(ExitCodes.CouldNotRun, code);
        Assert.Contains("could not be reached", console.Output, StringComparison.Ordinal);
    }
}
