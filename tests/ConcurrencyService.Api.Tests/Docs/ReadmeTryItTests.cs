using System.Diagnostics;

namespace ConcurrencyService.Api.Tests.Docs;

/// <summary>The README's "Try it" as a user pastes it: every curl line, against a started service, answers 2xx.</summary>
public sealed class ReadmeTryItTests
{
    // Every curl of the pasted lines goes through this: it prints the body as curl would and fails the script on any
    // answer but a 2xx, naming it. set -e and pipefail stop at the first failure, inside $( ) and functions too.
    private const string Preamble = """
        set -euo pipefail
        curl() {
          local answer status
          answer=$(command curl -sS -w '\n%{http_code}' "$@") || return
          status=${answer##*$'\n'}
          printf '%s\n' "${answer%$'\n'*}"
          case $status in
            2??) ;;
            *) echo "HTTP $status from: curl $*" >&2; return 1 ;;
          esac
        }

        """;

    [Fact]
    public async Task TryIt_EveryCurlLine_Answers2xx()
    {
        await using var factory = ApiFactory.With(ProcessesApiFactory.Settings());
        using (var http = factory.CreateApiClient())
        {
            await ProcessesApiFactory.WaitUntilReadyAsync(http);
        }

        var section = Markdown.Section(await File.ReadAllTextAsync(Repository.PathOf("README.md")), "Try it");
        var lines = string.Join('\n', Markdown.CodeBlocks(section, "bash"));
        Assert.True(lines.Split("curl ").Length > 10, $"The README's \"Try it\" has too few curl lines to be the section this test reads:\n{lines}");

        var script = Preamble + lines.Replace("localhost:5080", factory.BaseAddress.Authority, StringComparison.Ordinal);
        var start = new ProcessStartInfo("bash") { ArgumentList = { "-c", script } };
        var (exitCode, output, error) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"The README's \"Try it\" failed (exit code {exitCode}):\n{error}\n{output}");
    }
}
