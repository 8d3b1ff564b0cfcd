using ConcurrencyService.Benchmarks;

// dotnet run -c Release --project benchmarks/ConcurrencyService.Benchmarks -- [all|roundtrip|spawn|plugins|speedup|anchors|jobs [--baseline API.dll]|scaleout]
var which = args.FirstOrDefault() ?? "all";
var report = new Report();
var figures = new Figures();
Report.Environment();
if (which is "all" or "roundtrip")
{
    await Settle.WaitAsync("roundtrip");
    figures.RoundTripP50Us = await RoundTrip.RunAsync(report);
}

if (which is "all" or "spawn")
{
    await Settle.WaitAsync("spawn");
    figures.SpawnPerTaskMs = await Spawn.RunAsync(report);
}

if (which is "all" or "plugins")
{
    await Settle.WaitAsync("plugins");
    await PluginWorker.RunAsync();
}

if (which is "all" or "speedup")
{
    await Settle.WaitAsync("speedup");
    await Speedup.RunAsync(report);
}

if (which is "all" or "anchors")
{
    await Settle.WaitAsync("anchors");
    await Anchors.RunAsync(figures);
}

if (which is "all" or "jobs")
{
    await Settle.WaitAsync("jobs");
    await JobOverhead.RunAsync(report, JobOverhead.Option(args, "--baseline"));
}

if (which is "all" or "scaleout")
{
    await Settle.WaitAsync("scaleout");
    await RedisScaleOut.RunAsync(report);
}

Report.Load();
