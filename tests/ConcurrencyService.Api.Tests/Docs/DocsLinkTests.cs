namespace ConcurrencyService.Api.Tests.Docs;

/// <summary>The README and <c>docs/</c> checked like code: every relative link and anchor resolves.</summary>
public sealed class DocsLinkTests
{
    [Theory]
    [InlineData("Quick start", "quick-start")]
    [InlineData("C# client", "c-client")]
    [InlineData("Scale out (Redis)", "scale-out-redis")]
    [InlineData("The `Idempotency-Key` header", "the-idempotency-key-header")]
    [InlineData("Plugins: the plugin-capable worker beside the lean one", "plugins-the-plugin-capable-worker-beside-the-lean-one")]
    [InlineData("One run of `all`, 2026-12-02 08:10 UTC", "one-run-of-all-2026-12-02-0810-utc")]
    [InlineData("See [the docs](docs/api.md)", "see-the-docs")]
    public void Anchor_IsGitHubs(string heading, string anchor) => Assert.Equal(anchor, Markdown.Anchor(heading));

    [Fact]
    public void ReadmeAndDocs_EveryRelativeLinkAndAnchor_Resolves()
    {
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in Markdown.UserDocuments())
        {
            var name = Path.GetRelativePath(Repository.Root, document);
            foreach (var target in Markdown.LinkTargets(File.ReadAllText(document)))
            {
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                checkedLinks++;
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? target : target[..hash];
                var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
                var file = path.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, Uri.UnescapeDataString(path)));
                if (!File.Exists(file) && !Directory.Exists(file))
                {
                    broken.Add($"{name}: {target} (no such file)");
                }
                else if (anchor is not null && File.Exists(file) && !Markdown.Anchors(File.ReadAllText(file)).Contains(anchor))
                {
                    broken.Add($"{name}: {target} (no heading with that anchor in {Path.GetRelativePath(Repository.Root, file)})");
                }
            }
        }

        Assert.True(checkedLinks > 20, $"Found only {checkedLinks} relative links: the link reader is broken.");
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }
}
