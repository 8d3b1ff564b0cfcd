using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Thresholds;

namespace ConcurrencyService.Load.Cli;

/// <summary>Option factories with parsers that say what is wrong; every bad value is a usage error (exit code 2).</summary>
public static class LoadOptions
{
    public static Defaulted<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(new Option<TimeSpan>(name)
    {
        Description = $"{description} (e.g. 500ms, 20s, 2m; default {Durations.Format(defaultValue).Replace(" ", "", StringComparison.Ordinal)})",
        HelpName = "duration",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Durations.TryParse(text, out var duration))
            {
                return duration;
            }

            result.AddError($"{result.Argument.Name.TrimStart('-')}: '{text}' is not a duration; use a number with us, ms, s, m or h, e.g. 20s.");
            return default;
        },
    }, defaultValue);

    public static Option<int> Count(string name, string description, int defaultValue, int min = 1) => new(name)
    {
        Description = description,
        HelpName = "n",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Number(result, min, int.Parse) ?? default,
    };

    public static Option<double> Rate(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        HelpName = "per-second",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Number(result, 0.01, double.Parse) ?? default,
    };

    /// <summary>A comma-separated list of scenario names.</summary>
    public static Defaulted<IReadOnlyList<string>> Scenarios(IReadOnlyList<string> defaultValue) => new(new Option<IReadOnlyList<string>>("--scenario", "-s")
    {
        Description = $"Scenarios to run, comma-separated: {string.Join(", ", ScenarioCatalog.All)} (default: the workload-* ones with --workload, else all the others)",
        HelpName = "names",
        CustomParser = result =>
        {
            var names = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (names.FirstOrDefault(n => !ScenarioCatalog.All.Contains(n)) is { } unknown)
            {
                result.AddError($"scenario: unknown scenario '{unknown}'; known: {string.Join(", ", ScenarioCatalog.All)}.");
            }

            return names.Count == 0 ? defaultValue : names;
        },
    }, defaultValue);

    /// <summary>A comma-separated list of worker counts.</summary>
    public static Defaulted<IReadOnlyList<int>> WorkerCounts(IReadOnlyList<int> defaultValue) => new(new Option<IReadOnlyList<int>>("--workers")
    {
        Description = $"Worker counts to compare, comma-separated (default {string.Join(',', defaultValue)}: 1, 2 and 2 × cores)",
        HelpName = "counts",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var counts = text.Split(',', StringSplitOptions.TrimEntries).Select(t => int.TryParse(t, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : (int?)null).ToList();
            if (counts.Count == 0 || counts.Any(c => c is null))
            {
                result.AddError($"workers: '{text}' is not a list of whole numbers of 1 or more, e.g. 1,2,4.");
                return defaultValue;
            }

            return [.. counts.Select(c => c!.Value).Distinct()];
        },
    }, defaultValue);

    /// <summary>A JSON object of workload parameters, e.g. <c>{"blocks":4}</c>.</summary>
    public static Option<IReadOnlyDictionary<string, object>> Parameters() => new("--parameters", "-p")
    {
        Description = "workload-* scenarios: the workload's parameters as a JSON object, e.g. '{\"blocks\":4}' (default: the workload's defaults)",
        HelpName = "json",
        DefaultValueFactory = _ => new Dictionary<string, object>(),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.Clone(), StringComparer.Ordinal);
                }
            }
            catch (JsonException)
            {
            }

            result.AddError($"parameters: '{text}' is not a JSON object, e.g. '{{\"blocks\":4}}'.");
            return new Dictionary<string, object>();
        },
    };

    /// <summary>Plugin build folders or assemblies for the embedded server, repeatable; each must exist.</summary>
    public static Option<IReadOnlyList<string>> Plugins() => new("--plugin")
    {
        Description = "Embedded server: a plugin's build folder or .dll to load (Workloads:Plugins), repeatable",
        HelpName = "path",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => [],
        CustomParser = result =>
        {
            var paths = result.Tokens.Select(t => t.Value).ToList();
            if (paths.FirstOrDefault(p => !Directory.Exists(p) && !File.Exists(p)) is { } missing)
            {
                result.AddError($"plugin: '{missing}' is neither a folder nor a file.");
            }

            return paths;
        },
    };

    public static Option<IReadOnlyList<ThresholdRule>> Thresholds() => new("--threshold", "-t")
    {
        Description = $"A rule the run must meet, repeatable: {ThresholdParser.Form}. Metrics: p50, p75, p90, p95, p99, p99.9, mean, max (end-to-end latency), fail-rate (%), rps (ok iterations/s)",
        HelpName = "rule",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => [],
        CustomParser = result =>
        {
            var rules = new List<ThresholdRule>();
            foreach (var token in result.Tokens)
            {
                if (ThresholdParser.TryParse(token.Value, ScenarioCatalog.All, out var rule, out var error))
                {
                    rules.Add(rule!);
                }
                else
                {
                    result.AddError(error!);
                }
            }

            return rules;
        },
    };

    /// <summary>Running servers, repeatable or comma-separated; none means start one.</summary>
    public static Option<IReadOnlyList<Uri>> Targets() => new("--target")
    {
        Description = "Load-test running servers instead of starting one (e.g. http://localhost:5080); several nodes: repeat the option " +
            "or separate URLs with commas, and iterations go to them round-robin",
        HelpName = "url",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => [],
        CustomParser = result =>
        {
            var targets = new List<Uri>();
            foreach (var text in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    result.AddError($"target: '{text}' is not an http:// or https:// URL.");
                }
                else if (targets.Contains(uri))
                {
                    result.AddError($"target: {text} is given twice; each node once.");
                }
                else
                {
                    targets.Add(uri);
                }
            }

            return targets;
        },
    };

    private static T? Number<T>(ArgumentResult result, T min, Func<string, IFormatProvider, T> parse)
        where T : struct, IComparable<T>
    {
        var text = result.Tokens.Single().Value;
        try
        {
            var value = parse(text, CultureInfo.InvariantCulture);
            if (value.CompareTo(min) >= 0)
            {
                return value;
            }
        }
        catch (FormatException)
        {
        }
        catch (OverflowException)
        {
        }

        result.AddError($"{result.Argument.Name.TrimStart('-')}: '{text}' must be a number of {min.ToString()} or more.");
        return null;
    }
}
