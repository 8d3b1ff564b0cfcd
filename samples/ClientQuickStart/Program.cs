using ConcurrencyService.Client;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet run --project samples/ClientQuickStart [-- http://localhost:5080]
var services = new ServiceCollection();
services.AddConcurrencyServiceClient(new Uri(args.FirstOrDefault() ?? "http://localhost:5080"));
var client = services.BuildServiceProvider().GetRequiredService<IConcurrencyServiceApi>();
var job = await client.SubmitAndWaitAsync(new() { Workload = "cpu.primes", Executor = ExecutorKind.Threads, Parameters = new Dictionary<string, object> { ["below"] = 1_000_000 } });
Console.WriteLine(job.ResultJson?.GetProperty("sum"));
