namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>Settings that make a test app a node on a Redis: the shared storage, its key prefix (one per test), its name and roles.</summary>
internal static class RedisNode
{
    public static Dictionary<string, string?> Settings(RedisServer redis, string prefix, string name, bool workers = true, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Storage:KeyPrefix"] = prefix,
            ["Node:Name"] = name,
            ["Node:Workers"] = workers ? "true" : "false",
            ["Node:HeartbeatInterval"] = "00:00:00.500",
            ["Node:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix() => SharedRedis.NewPrefix();

    /// <summary>
    /// A node as users run it: the API's own build (<c>dotnet ConcurrencyService.Api.dll</c>) in a process of its own,
    /// configured through environment variables. It can be killed without warning (SIGKILL) or stopped politely (SIGTERM).
    /// </summary>
    public static Task<ServiceProcess> StartProcessAsync(string name, IReadOnlyDictionary<string, string?> settings) =>
        ServiceProcess.StartAsync(ServiceProcess.BuildOutputDll, environment: new Dictionary<string, string?>(settings) { ["DOTNET_ENVIRONMENT"] = "Testing" }, name: name);
}
