using ConcurrencyService.Benchmarks;

// dotnet run -c Release --project benchmarks/ConcurrencyService.Benchmarks -- [all|roundtrip|spawn|speedup|jobs [--baseline API.dll]]
var which = args.FirstOrDefault() ?? "all";
var report = new Report();
report.Environment();
if (which is "all" or "roundtrip")
{
    await RoundTrip.RunAsync(report);
}

if (which is "all" or "spawn")
{
    await Spawn.RunAsync(report);
}

if (which is "all" or "speedup")
{
    await Speedup.RunAsync(report);
}

if (which is "all" or "jobs")
{
    await JobOverhead.RunAsync(report, JobOverhead.Option(args, "--baseline"));
}
