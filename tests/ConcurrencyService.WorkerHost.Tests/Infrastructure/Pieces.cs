using System.Text.Json.Nodes;

namespace ConcurrencyService.WorkerHost.Tests.Infrastructure;

/// <summary>Pieces as a host receives them (already split).</summary>
public static class Pieces
{
    public static JsonNode Squares(long iterations) => new JsonObject { ["from"] = 0L, ["to"] = iterations };

    public static JsonNode Hang(long ms) => new JsonObject { ["ms"] = ms };

    public static JsonNode Crash(string mode) => new JsonObject { ["mode"] = mode };
}
