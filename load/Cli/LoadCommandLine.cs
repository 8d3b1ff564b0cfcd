using System.CommandLine;
using System.CommandLine.Parsing;
using ConcurrencyService.Load.Commands;
using ConcurrencyService.Load.Models;
using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Server;
using Spectre.Console;

namespace ConcurrencyService.Load.Cli;

/// <summary>
/// The commands: <c>run</c> (scenarios under one load model) and <c>compare</c> (the comparison suite). Parsing turns
/// arguments into option records; the commands themselves live in <see cref="Commands"/>.
/// </summary>
public sealed class LoadCommandLine
{
    private static readonly int Cores = Environment.ProcessorCount;

    private readonly Option<IReadOnlyList<Uri>> _target = LoadOptions.Targets();
    private readonly Option<string?> _out = new("--out", "-o") { Description = "Folder for report.md/.csv/.json/.html (default load/reports/<timestamp>)", HelpName = "folder" };
    private readonly Option<IReadOnlyList<Thresholds.ThresholdRule>> _thresholds = LoadOptions.Thresholds();
    private readonly Defaulted<TimeSpan> _warmup = LoadOptions.Duration("--warmup", "Warm-up before each scenario's measured part, excluded from statistics; compare: 5s unless given", TimeSpan.FromSeconds(3));
    private readonly Defaulted<TimeSpan> _grace = LoadOptions.Duration("--grace", "How long iterations running at the end may take to finish; they are counted", TimeSpan.FromSeconds(30));
    private readonly Defaulted<TimeSpan> _timeout = LoadOptions.Duration("--timeout", "An iteration taking longer fails", TimeSpan.FromSeconds(60));
    private readonly Option<int> _sleepMs = LoadOptions.Count("--sleep-ms", "io-* scenarios: the io.sleep job's milliseconds", 100, min: 0);
    private readonly Option<int> _primesBelow = LoadOptions.Count("--primes-below", "cpu-* scenarios: the cpu.primes job's bound", 200_000, min: 0);
    private readonly Option<int> _tasks = LoadOptions.Count("--tasks", "Tasks each job is split into", 1);
    private readonly Option<int> _queueCapacity = LoadOptions.Count("--queue-capacity", "Embedded server: jobs waiting per executor before 429", 10_000);

    private readonly Defaulted<IReadOnlyList<string>> _scenarios = LoadOptions.Scenarios(ScenarioCatalog.BuiltIn);
    private readonly Option<string> _model = new("--model", "-m") { Description = "Load model: closed (users), open (arrival rate) or iterations (a fixed count)", DefaultValueFactory = _ => "closed" };
    private readonly Option<int> _users = LoadOptions.Count("--users", "closed: concurrent users; iterations: concurrency", 8);
    private readonly Defaulted<TimeSpan> _duration = LoadOptions.Duration("--duration", "Measured time per scenario (closed, open)", TimeSpan.FromSeconds(20));
    private readonly Defaulted<TimeSpan> _ramp = LoadOptions.Duration("--ramp", "closed: add users linearly over this; open: raise the rate linearly from 0 over this", TimeSpan.Zero);
    private readonly Option<double> _rate = LoadOptions.Rate("--rate", "open: iterations started per second", 50);
    private readonly Option<int> _maxInFlight = LoadOptions.Count("--max-in-flight", "open: iterations due while this many run are dropped, not delayed", 1_000);
    private readonly Option<int> _iterations = LoadOptions.Count("--iterations", "iterations: measured iterations per scenario", 200);
    private readonly Option<int> _threadWorkers = LoadOptions.Count("--thread-workers", "Embedded server: thread workers", Cores);
    private readonly Option<int> _processWorkers = LoadOptions.Count("--process-workers", "Embedded server: worker processes", Cores);
    private readonly Option<string?> _workload = new("--workload", "-w") { Description = "Run this workload (a built-in or a plugin's, e.g. samples.compress) as the workload-threads and workload-processes scenarios", HelpName = "name" };
    private readonly Option<IReadOnlyDictionary<string, object>> _parameters = LoadOptions.Parameters();
    private readonly Option<IReadOnlyList<string>> _plugins = LoadOptions.Plugins();

    private readonly Option<bool> _smoke = new("--smoke") { Description = "A few seconds in all: small jobs, short steps, loose thresholds; fails if any job fails" };
    private readonly Defaulted<IReadOnlyList<int>> _workerCounts = LoadOptions.WorkerCounts([1, 2, 2 * Cores]);
    private readonly Defaulted<TimeSpan> _compareDuration = LoadOptions.Duration("--duration", "Measured time per scenario and worker count", TimeSpan.FromSeconds(15));
    private readonly Option<int> _ioUsers = LoadOptions.Count("--io-users", "Closed-model users of the IO scenarios", 50);
    private readonly Option<int> _cpuUsersPerWorker = LoadOptions.Count("--cpu-users-per-worker", "Closed-model users of the CPU scenarios per worker", 2);

    public LoadCommandLine()
    {
        _model.AcceptOnlyFromAmong("closed", "open", "iterations");
        var run = new Command("run", "Run scenarios, one after another, under one load model.")
        {
            _scenarios.Option, _model, _users, _duration.Option, _ramp.Option, _rate, _maxInFlight, _iterations, _threadWorkers, _processWorkers,
            _workload, _parameters, _plugins,
        };
        run.Validators.Add(ValidateWorkload);
        var compare = new Command("compare", "The comparison suite: IO vs CPU jobs on threads vs processes at worker counts 1, 2 and 2 × cores, on a server restarted per count.")
        {
            _smoke, _workerCounts.Option, _compareDuration.Option, _ioUsers, _cpuUsersPerWorker,
        };
        foreach (var command in new[] { run, compare })
        {
            foreach (var option in new Option[] { _target, _warmup.Option, _grace.Option, _timeout.Option, _sleepMs, _primesBelow, _tasks, _queueCapacity, _thresholds, _out })
            {
                command.Add(option);
            }
        }

        run.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        compare.SetAction((result, cancellationToken) => CompareAsync(result, cancellationToken));
        Root = new RootCommand("Load tests for ConcurrencyService: IO-bound vs CPU-bound job throughput on threads vs processes, measured honestly.") { run, compare };
    }

    public RootCommand Root { get; }

    /// <summary>Where the commands write; the console the app was given.</summary>
    public IAnsiConsole Console { get; set; } = AnsiConsole.Console;

    private Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var model = result.GetValue(_model) switch
        {
            "open" => (LoadModel)new OpenModel(result.GetValue(_rate), _duration.ValueIn(result), _ramp.ValueIn(result), result.GetValue(_maxInFlight)),
            "iterations" => new IterationsModel(result.GetValue(_iterations), result.GetValue(_users)),
            _ => new ClosedModel(result.GetValue(_users), _duration.ValueIn(result), _ramp.ValueIn(result)),
        };
        var common = Common(result, _warmup.ValueIn(result));
        var workload = result.GetValue(_workload);
        if (workload is not null)
        {
            common = common with { Workloads = common.Workloads with { Custom = new CustomJob(workload, result.GetValue(_parameters)!) } };
        }

        var options = new RunOptions(
            common,
            workload is not null && !_scenarios.IsGiven(result) ? ScenarioCatalog.WorkloadScenarios : _scenarios.ValueIn(result),
            model,
            new ServerSettings(result.GetValue(_threadWorkers), result.GetValue(_processWorkers), result.GetValue(_queueCapacity), result.GetValue(_plugins)));
        return RunCommand.ExecuteAsync(options, Console, cancellationToken);
    }

    private Task<int> CompareAsync(ParseResult result, CancellationToken cancellationToken)
    {
        // Each step starts a fresh server whose code is still being JIT-compiled: the suite warms up longer than a run.
        // The smoke suite is small everywhere; an option given on the command line still wins.
        var smoke = result.GetValue(_smoke);
        var options = new CompareOptions(
            Common(result, _warmup.GivenOr(result, smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5))),
            smoke,
            _workerCounts.ValueIn(result),
            smoke ? _compareDuration.GivenOr(result, TimeSpan.FromSeconds(1)) : _compareDuration.ValueIn(result),
            smoke ? GivenOr(result, _ioUsers, 8) : result.GetValue(_ioUsers),
            result.GetValue(_cpuUsersPerWorker));
        if (smoke)
        {
            options = options with
            {
                Common = options.Common with
                {
                    Workloads = new WorkloadSettings(GivenOr(result, _sleepMs, 20), GivenOr(result, _primesBelow, 20_000), result.GetValue(_tasks)),
                },
            };
        }

        return CompareCommand.ExecuteAsync(options, Console, cancellationToken);
    }

    /// <summary>The workload-* scenarios need a workload, and parameters belong to one.</summary>
    private void ValidateWorkload(CommandResult result)
    {
        var workload = result.GetValue(_workload);
        // The raw names: the option's value throws when its own parser has already reported an error.
        var scenarios = result.GetResult(_scenarios.Option)?.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)) ?? [];
        if (workload is null && scenarios.FirstOrDefault(ScenarioCatalog.WorkloadScenarios.Contains) is { } scenario)
        {
            result.AddError($"scenario: {scenario} runs the workload named by --workload; give one, e.g. --workload samples.compress.");
        }

        if (workload is null && result.GetResult(_parameters) is { Implicit: false })
        {
            result.AddError("parameters: they are the parameters of the --workload; give one.");
        }

        if (workload is not null && string.IsNullOrWhiteSpace(workload))
        {
            result.AddError("workload: the name is empty.");
        }
    }

    private CommonOptions Common(ParseResult result, TimeSpan warmup) => new(
        result.GetValue(_target) ?? [],
        new WorkloadSettings(result.GetValue(_sleepMs), result.GetValue(_primesBelow), result.GetValue(_tasks)),
        warmup,
        _grace.ValueIn(result),
        _timeout.ValueIn(result),
        result.GetValue(_queueCapacity),
        result.GetValue(_out) ?? DefaultOutputFolder(),
        result.GetValue(_thresholds)!,
        "load " + string.Join(' ', result.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value)));

    /// <summary>The option's value when given on the command line, else <paramref name="fallback"/> (not the option's own default).</summary>
    private static T GivenOr<T>(ParseResult result, Option<T> option, T fallback) =>
        result.GetResult(option) is null or { Implicit: true } ? fallback : result.GetValue(option)!;

    /// <summary>load/reports/&lt;timestamp&gt; in the repository when run from inside it, else ./load-reports/&lt;timestamp&gt;.</summary>
    private static string DefaultOutputFolder()
    {
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ConcurrencyService.sln")))
            {
                return Path.Combine(directory.FullName, "load", "reports", stamp);
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "load-reports", stamp);
    }
}
