namespace ConcurrencyService.Api.Tests;

/// <summary>
/// Bad requests across every endpoint: malformed and invalid bodies (including text that is not UTF-8 and lone
/// surrogates), bad ids, queries and methods, and requests over the URL and header limits. Each is distinct: the table
/// refuses a duplicate.
/// </summary>
public static class BadRequestTable
{
    private const string UnknownId = "0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90";
    private const string Experiment = "\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[1,2]";

    private static readonly string[] BadIds = ["not-a-guid", "12345", "0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e9", "%C3%A9t%C3%A9", "0196b7e4x6c9e-7c1a-9a1d-3f2b5c7d8e90", "%7B%7D"];

    private static readonly string[] BadWaits = ["-1", "60001", "abc", "1.5", "99999999999", "0x10"];

    // Text that cannot become a .NET string, placed inside a JSON string.
    private static readonly string[] Unreadable = ["\\xff", "\\xc0\\xaf", "\\xe2\\x82", "\\xed\\xa0\\x80", "\\xfe", "\\ud800", "\\udc00", "\\ud800x", "a\\udfff"];

    public static IReadOnlyDictionary<string, BadRequestCase> All { get; } = Build();

    private static Dictionary<string, BadRequestCase> Build()
    {
        var cases = new Dictionary<string, BadRequestCase>(StringComparer.Ordinal);
        void Add(BadRequestCase c) => cases.Add(c.Name, c); // throws on a duplicate
        void Job(string body, string field, int status = 400) => Add(new("POST", "/api/jobs", body, status, field));
        void Exp(string body, string field, int status = 400) => Add(new("POST", "/api/experiments", body, status, field));

        // Job submissions: the top-level fields.
        Job("{\"workload\":null}", "workload");
        Job("{\"workload\":[]}", "workload");
        Job("{\"workload\":{}}", "workload");
        Job("{\"workload\":\"\"}", "workload");
        Job("{\"workload\":\"cpu.primes \"}", "workload");
        Job("{\"workload\":true}", "workload");
        foreach (var executor in new[] { "\"fibers\"", "1", "[]", "true", "\"threads,processes\"", "\"\"" })
        {
            Job($"{{\"workload\":\"cpu.primes\",\"executor\":{executor}}}", "executor");
        }

        foreach (var tasks in new[] { "-1", "257", "\"x\"", "true", "[1]", "1e400" })
        {
            Job($"{{\"workload\":\"cpu.primes\",\"tasks\":{tasks}}}", "tasks");
        }

        foreach (var timeout in new[] { "0", "3600001", "\"1000\"", "false", "{}", "0.5" })
        {
            Job($"{{\"workload\":\"cpu.primes\",\"timeoutMs\":{timeout}}}", "timeoutMs");
        }

        foreach (var gil in new[] { "\"yes\"", "1", "[]", "{}" })
        {
            Job($"{{\"workload\":\"cpu.primes\",\"gil\":{gil}}}", "gil");
        }

        foreach (var name in new[] { "Workload", "task", "timeout", "params", "" })
        {
            Job($"{{\"workload\":\"cpu.primes\",\"{name}\":1}}", name);
        }

        Job("{\"workload\":\"cpu.primes\",\"parameters\":\"below=10\"}", "parameters");
        Job("{\"workload\":\"cpu.primes\",\"parameters\":42}", "parameters");
        Job("{\"workload\":\"io.http\",\"parameters\":{\"url\":42}}", "parameters.url");
        Job("{\"workload\":\"io.http\",\"parameters\":{\"url\":\"not a url\"}}", "parameters.url");
        Job("{\"workload\":\"io.http\",\"parameters\":{\"url\":\"file:///etc/passwd\"}}", "parameters.url");
        Job("{\"workload\":\"io.http\",\"parameters\":{\"url\":\"http://169.254.169.254/latest/meta-data/\"}}", "parameters.url");
        Job("{\"workload\":\"io.http\",\"parameters\":{\"url\":\"\"}}", "parameters.url");

        // Every numeric parameter of every workload: the wrong type, and just outside its range.
        foreach (var (workload, parameter, below, above) in new[]
        {
            ("cpu.primes", "below", "-1", "100000001"),
            ("cpu.sqrt", "count", "-1", "1000000001"),
            ("cpu.squares", "iterations", "-1", "4000000001"),
            ("cpu.countdown", "from", "-1", "10000000001"),
            ("cpu.montecarlo", "paths", "0", "100000001"),
            ("cpu.montecarlo", "spot", "0.001", "1000001"),
            ("cpu.montecarlo", "strike", "0", "1e7"),
            ("cpu.montecarlo", "rate", "-0.2", "1.5"),
            ("cpu.montecarlo", "volatility", "0", "2.5"),
            ("cpu.montecarlo", "years", "0", "31"),
            ("cpu.montecarlo", "seed", "-1", "1e30"),
            ("io.sleep", "ms", "-1", "600001"),
            ("io.file", "bytes", "-1", "1073741825"),
        })
        {
            foreach (var value in new[] { below, above, "\"5\"", "{}" })
            {
                Job($"{{\"workload\":\"{workload}\",\"parameters\":{{\"{parameter}\":{value}}}}}", $"parameters.{parameter}");
            }
        }

        // Text that is not UTF-8, or a lone surrogate, wherever a string can be.
        foreach (var bad in Unreadable)
        {
            Job($"{{\"workload\":\"cpu.{bad}\"}}", "workload");
            Job($"{{\"workload\":\"io.http\",\"parameters\":{{\"url\":\"http://localhost/{bad}\"}}}}", "parameters.url");
            Exp($"{{\"workload\":\"{bad}\",\"executors\":[\"threads\"],\"workers\":[1]}}", "workload");
            Exp($"{{\"workload\":\"cpu.squares\",\"executors\":[\"threads\",\"{bad}\"],\"workers\":[1]}}", "executors[1]");
        }

        Job("{\"wor\\xffkload\":\"cpu.primes\"}", "$");
        Job("{\"workload\":\"cpu.primes\",\"parameters\":{\"\\ud800\":1}}", "parameters");
        Exp("{\"\\udc00\":1," + Experiment + "}", "$");

        // Not JSON, or not the JSON of a request.
        foreach (var body in new[] { "{\"workload\":", "{\"workload\":\"cpu.primes\",}", "{'workload':'cpu.primes'}", "{\"workload\":\"cpu.primes\"} // note", "{\"workload\":NaN}", "   ", "{\"workload\":\"cpu.primes\"}}", "\\xef\\xbb" })
        {
            Job(body, "$");
        }

        foreach (var body in new[] { "null", "true", "42", "[]", "\"{}\"" })
        {
            Job(body, "$");
            Exp(body, "$");
        }

        Job(new string('[', 40) + new string(']', 40), "$");
        Exp("{" + Experiment + ",\"parameters\":" + string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 41), "$");

        // Experiment submissions.
        foreach (var repetitions in new[] { "-1", "\"3\"", "2.5", "101" })
        {
            Exp("{" + Experiment + $",\"repetitions\":{repetitions}}}", "repetitions");
        }

        foreach (var scaling in new[] { "1", "\"Strong \"", "[\"weak\"]" })
        {
            Exp("{" + Experiment + $",\"scaling\":{scaling}}}", "scaling");
        }

        Exp("{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":\"1,2\"}", "workers");
        Exp("{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[\"1\"]}", "workers[0]");
        Exp("{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[1,null]}", "workers[1]");
        Exp("{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[-3]}", "workers[0]");
        Exp("{\"workload\":\"cpu.squares\",\"executors\":[1],\"workers\":[1]}", "executors[0]");
        Exp("{\"workload\":\"cpu.squares\",\"executors\":[\"Threads \"],\"workers\":[1]}", "executors[0]");
        Exp("{\"workload\":\"cpu.squares\",\"executors\":{\"threads\":true},\"workers\":[1]}", "executors");
        Exp("{\"workload\":42,\"executors\":[\"threads\"],\"workers\":[1]}", "workload");
        Exp("{" + Experiment + ",\"parameters\":{\"iterations\":\"many\"}}", "parameters.iterations");
        Exp("{" + Experiment + ",\"parameters\":[]}", "parameters");
        Exp("{" + Experiment + ",\"tasks\":\"2\"}", "tasks");
        Exp("{" + Experiment + ",\"Workers\":[1]}", "Workers");

        // Content types and sizes, on both submissions.
        foreach (var url in new[] { "/api/jobs", "/api/experiments" })
        {
            foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "text/json-seq" })
            {
                Add(new("POST", url, "{\"workload\":\"cpu.primes\"}", 415, "application/json") { ContentType = type });
            }

            Add(new("POST", url, null, 415, "application/json") { ContentType = null });
            Add(new("POST", url, "{\"workload\":\"cpu.primes\",\"pad\":\"" + new string('x', 66_000) + "\"}", 413, "65536 bytes"));
            Add(new("POST", url, "{\"workload\":\"cpu.primes\"}", 400, "Idempotency-Key") { Headers = new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 256) } });
        }

        // Ids, waits and filters in routes and queries.
        foreach (var id in BadIds)
        {
            Add(new("GET", $"/api/jobs/{id}", null, 400, "id"));
            Add(new("DELETE", $"/api/jobs/{id}", null, 400, "id"));
            Add(new("GET", $"/api/experiments/{id}/chart.svg", null, 400, "id"));
            Add(new("GET", $"/api/experiments/claims/{id}", null, 400, "id"));
            Add(new("GET", $"/api/experiments/claims/{id}/report.md", null, 400, "id"));
            Add(new("DELETE", $"/api/experiments/claims/{id}", null, 400, "id"));
        }

        foreach (var id in BadIds.Where(i => i != "%7B%7D"))
        {
            Add(new("GET", $"/api/experiments/{id}", null, 400, "id"));
            Add(new("DELETE", $"/api/experiments/{id}", null, 400, "id"));
        }

        foreach (var url in new[] { $"/api/jobs/{UnknownId}", $"/api/experiments/{UnknownId}", $"/api/experiments/{UnknownId}/chart.svg", $"/api/experiments/claims/{UnknownId}", $"/api/experiments/claims/{UnknownId}/report.md" })
        {
            Add(new("GET", url, null, 404, UnknownId));
        }

        foreach (var wait in BadWaits)
        {
            Add(new("GET", $"/api/jobs/{UnknownId}?waitMs={wait}", null, 400, "waitMs"));
            Add(new("GET", $"/api/experiments/{UnknownId}?waitMs={wait}", null, 400, "waitMs"));
            Add(new("GET", $"/api/experiments/claims/{UnknownId}?waitMs={wait}", null, 400, "waitMs"));
        }

        foreach (var (name, values) in new[]
        {
            ("status", new[] { "bogus", "3", "Queued,running", "finished" }),
            ("executor", ["gpu", "0", "threads+gil"]),
            ("page", ["0", "-1", "x", "1.5"]),
            ("pageSize", ["0", "501", "ten"]),
        })
        {
            foreach (var value in values)
            {
                Add(new("GET", $"/api/jobs?{name}={value}", null, 400, name));
            }
        }

        foreach (var size in new[] { "huge", "0", "tiny", "Small%20" })
        {
            Add(new("POST", $"/api/experiments/presets/crash?size={size}", null, 400, "size"));
            Add(new("POST", $"/api/experiments/claims?size={size}", null, 400, "size"));
        }

        foreach (var preset in new[] { "fizzbuzz", "primes_pool", "crash2" })
        {
            Add(new("POST", $"/api/experiments/presets/{preset}", null, 404, preset));
        }

        foreach (var ms in new[] { "-1", "60001", "soon", "1e3" })
        {
            Add(new("GET", $"/api/echo/delay/{ms}", null, 400, "ms"));
        }

        // Methods a path does not take, and paths that are not there.
        foreach (var (method, url) in new[]
        {
            ("PUT", "/api/jobs"), ("PATCH", "/api/jobs"), ("DELETE", "/api/jobs"), ("POST", $"/api/jobs/{UnknownId}"), ("PUT", $"/api/jobs/{UnknownId}"),
            ("POST", "/api/workloads"), ("DELETE", "/api/workloads"), ("PUT", "/api/workloads"),
            ("POST", "/api/executors"), ("DELETE", "/api/executors"), ("PATCH", "/api/executors"),
            ("PUT", "/api/experiments"), ("DELETE", "/api/experiments/presets"), ("POST", "/api/experiments/presets"),
            ("GET", "/api/experiments/presets/crash"), ("GET", "/api/experiments/claims"), ("DELETE", "/api/experiments/claims"),
            ("POST", $"/api/experiments/{UnknownId}/chart.svg"), ("PUT", $"/api/experiments/claims/{UnknownId}"), ("POST", "/api/echo/delay/5"),
        })
        {
            Add(new(method, url, null, 405, url));
        }

        foreach (var url in new[] { "/api", "/api/nowhere", "/api/workloads/cpu.primes", "/api/executors/threads", $"/api/jobs/{UnknownId}/result", "/api/experiments/claims/a/b/c", "/health", "/health/nope", "/api/echo/delay" })
        {
            Add(new("GET", url, null, 404, url));
        }

        // The URL and header limits, on every kind of endpoint.
        foreach (var url in new[] { "/api/jobs", "/api/workloads", "/api/executors", "/api/experiments", "/api/experiments/presets", $"/api/experiments/claims/{UnknownId}", $"/api/experiments/{UnknownId}/chart.svg", $"/api/experiments/claims/{UnknownId}/report.md", "/health/live", "/health/ready" })
        {
            Add(new("GET", $"{url}?pad={new string('p', 8300)}", null, 414, "RequestLimits:MaxUrlBytes"));
            Add(new("GET", url, null, 431, "RequestLimits:MaxHeaderBytes") { Headers = new Dictionary<string, string> { ["X-Pad"] = new string('h', 40_000) } });
        }

        return cases;
    }
}
