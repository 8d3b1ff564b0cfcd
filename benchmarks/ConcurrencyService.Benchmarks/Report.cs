using System.Runtime.InteropServices;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Benchmarks;

/// <summary>Markdown on standard output: the machine first, then one table per benchmark.</summary>
public sealed class Report
{
    public static void Environment()
    {
        var cpu = MachineStat.CpuModel();
        Console.WriteLine("# ConcurrencyService benchmarks");
        Console.WriteLine();
        Console.WriteLine($"- machine: {System.Environment.ProcessorCount} logical cores, {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}");
        Console.WriteLine($"- OS: {RuntimeInformation.OSDescription}");
        Console.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Load("at the start");
        Console.WriteLine();
    }

    /// <summary>The machine's load while the benchmarks ran: other work on 2 cores moves every figure.</summary>
    public static void Load(string when = "at the end")
    {
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"- load average {when} (1, 5, 15 min; other programs' runnable threads count in it): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        }
    }

    public static void Table(string title, string note, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Console.WriteLine($"## {title}");
        Console.WriteLine();
        Console.WriteLine(note);
        Console.WriteLine();
        Console.WriteLine($"| {string.Join(" | ", header)} |");
        Console.WriteLine($"|{string.Join("|", header.Select(_ => "---"))}|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {string.Join(" | ", row)} |");
        }

        Console.WriteLine();
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Us(double microseconds) => $"{microseconds:0.0} µs";

    public static string Ms(double milliseconds) => $"{milliseconds:0.00} ms";
}
