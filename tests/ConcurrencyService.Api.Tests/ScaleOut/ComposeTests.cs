using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// compose.yaml cannot run here (no Docker engine), so its nodes' environment is run the way the image runs it: the API's
/// build with exactly those variables, on a real Redis (its address swapped for the test's). Both nodes join one cluster.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed partial class ComposeTests(RedisFixture redis)
{
    [Fact]
    public async Task ComposeNodes_WithTheirEnvironment_JoinOneClusterOnRedis()
    {
        var compose = await File.ReadAllTextAsync(Repository.PathOf("compose.yaml"));
        var withPlugins = await File.ReadAllTextAsync(Repository.PathOf("compose.plugins.yaml"));
        var prefix = RedisNode.NewPrefix();
        var started = new List<ServiceProcess>();
        try
        {
            foreach (var service in new[] { "node-a", "node-b" })
            {
                var environment = EnvironmentOf(compose, service);
                // Built-ins only unless compose.plugins.yaml is added: a plain `docker compose up` needs no plugin build.
                Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Workloads__Plugins", StringComparison.Ordinal));
                foreach (var (key, value) in EnvironmentOf(withPlugins, service))
                {
                    environment[key] = value;
                }

                Assert.Equal("redis:6379", environment["ConnectionStrings__Redis"]);
                environment["ConnectionStrings__Redis"] = redis.Server.ConnectionString;
                environment["Storage__KeyPrefix"] = prefix;
                environment["Executors__Processes__Enabled"] = "false";
                // The plugins' mount (compose.plugins.yaml): the container path it names is the sample's build folder here.
                Assert.Equal("/plugins/samples", environment["Workloads__Plugins__0"]);
                Assert.Contains("- ./samples/Workloads/bin/Release/net10.0:/plugins/samples:ro", withPlugins, StringComparison.Ordinal);
                environment["Workloads__Plugins__0"] = PluginPaths.Samples;
                started.Add(await RedisNode.StartProcessAsync(service, environment));
            }

            using var http = started[0].CreateClient();
            var nodes = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/nodes", UriKind.Relative)))!;
            Assert.Equal(["node-a", "node-b"], nodes["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()));
        }
        finally
        {
            foreach (var node in started)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>The <c>environment:</c> map of one service, read from the file's own indentation (two spaces per level).</summary>
    private static Dictionary<string, string?> EnvironmentOf(string compose, string service)
    {
        var block = Regex.Match(compose, $@"^  {Regex.Escape(service)}:\n(?<body>(?:    .*\n|\n)*)", RegexOptions.Multiline);
        Assert.True(block.Success, $"compose.yaml has no service '{service}'.");
        var environment = Regex.Match(block.Groups["body"].Value, @"^    environment:\n(?<vars>(?:      .*\n)*)", RegexOptions.Multiline);
        Assert.True(environment.Success, $"Service '{service}' has no environment.");
        return Variable().Matches(environment.Groups["vars"].Value).ToDictionary(m => m.Groups["key"].Value, m => (string?)m.Groups["value"].Value.Trim());
    }

    [GeneratedRegex(@"^      (?<key>[A-Za-z0-9_]+): (?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex Variable();
}
