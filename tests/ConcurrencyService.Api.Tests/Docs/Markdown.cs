using System.Text;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Api.Tests.Docs;

/// <summary>What the docs tests read in a Markdown file: its links, its headings' GitHub anchors, its sections and code blocks.</summary>
public static partial class Markdown
{
    /// <summary>The Markdown files users read: the README and every page of <c>docs/</c>.</summary>
    public static IEnumerable<string> UserDocuments() =>
        [Repository.PathOf("README.md"), .. Directory.GetFiles(Repository.PathOf("docs"), "*.md").Order(StringComparer.Ordinal)];

    /// <summary>The targets of inline links and images outside code (fenced blocks and code spans).</summary>
    public static IEnumerable<string> LinkTargets(string markdown) =>
        Prose(markdown).SelectMany(line => InlineLink().Matches(line).Select(m => m.Groups["target"].Value));

    /// <summary>The anchors GitHub gives the file's headings, duplicates numbered as it numbers them.</summary>
    public static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Prose(markdown, keepCodeSpans: true))
        {
            if (Heading().Match(line) is not { Success: true } heading)
            {
                continue;
            }

            var anchor = Anchor(heading.Groups["text"].Value);
            var count = seen.GetValueOrDefault(anchor);
            seen[anchor] = count + 1;
            anchors.Add(count == 0 ? anchor : $"{anchor}-{count}");
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's anchor for a heading: its text without markup, lower case, every character that is not a letter, digit,
    /// space, hyphen or underscore dropped, spaces turned into hyphens.
    /// </summary>
    public static string Anchor(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var text = LinkInHeading().Replace(heading, "${text}").Trim().ToLowerInvariant();
        var anchor = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                anchor.Append(c);
            }
            else if (c == ' ')
            {
                anchor.Append('-');
            }
        }

        return anchor.ToString();
    }

    /// <summary>The section under the level-2 heading <paramref name="title"/>, up to the next level-2 heading.</summary>
    public static string Section(string markdown, string title)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, $"## {title}");
        if (start < 0)
        {
            return string.Empty;
        }

        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    /// <summary>The contents of the fenced code blocks of a language, e.g. <c>bash</c>.</summary>
    public static IEnumerable<string> CodeBlocks(string markdown, string language) =>
        FencedBlock().Matches(markdown.ReplaceLineEndings("\n"))
            .Where(m => m.Groups["language"].Value == language)
            .Select(m => m.Groups["code"].Value);

    private static IEnumerable<string> Prose(string markdown, bool keepCodeSpans = false)
    {
        var fenced = false;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced)
            {
                yield return keepCodeSpans ? line : CodeSpan().Replace(line, string.Empty);
            }
        }
    }

    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkInHeading();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^```(?<language>[a-z]*)\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();
}
