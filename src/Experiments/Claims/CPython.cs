using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Experiments.Claims;

/// <summary>
/// Runs the tutorials' own Python programs (shipped in <c>Python/</c> next to the API) as child processes with a
/// time limit, so the CPython figures beside the .NET ones are measured on the same machine in the same run.
/// Each program prints one JSON line.
/// </summary>
public static class CPython
{
    public const string NotFound = "CPython not found";

    private const string Executable = "python3";

    /// <summary>The folder of the shipped programs.</summary>
    public static string ScriptsFolder => Path.Combine(AppContext.BaseDirectory, "Python");

    /// <summary>Runs <paramref name="script"/>; the result is its JSON, or why there is none (<see cref="NotFound"/>, a timeout, an error).</summary>
    public static async Task<CPythonResult> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ScriptsFolder,
        };
        start.ArgumentList.Add(Path.Combine(ScriptsFolder, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{Executable} did not start");
        }
        catch (Win32Exception)
        {
            return new CPythonResult(null, NotFound);
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeLimit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true); // a Pool's workers too
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                return new CPythonResult(null, $"{script} did not finish within {timeLimit.TotalSeconds:0} s");
            }

            var text = (await output).Trim();
            if (process.ExitCode != 0)
            {
                var last = (await errors).Trim().Split('\n').LastOrDefault();
                return new CPythonResult(null, $"{script} exited with code {process.ExitCode}: {last}");
            }

            try
            {
                return JsonNode.Parse(text) is JsonObject json ? new CPythonResult(json, null) : new CPythonResult(null, $"{script} printed no JSON object");
            }
            catch (System.Text.Json.JsonException ex)
            {
                return new CPythonResult(null, $"{script} printed something other than JSON: {ex.Message}");
            }
        }
    }
}

/// <summary>A Python program's JSON line, or why there is none.</summary>
public sealed record CPythonResult(JsonObject? Json, string? Problem)
{
    public double? Number(string name) => Json?[name]?.GetValue<double>();

    public string? Version => Json?["python"]?.GetValue<string>();
}
