namespace ConcurrencyService.Workloads.Catalog;

/// <summary>The catalog's regular workloads, one instance of each, in the order they are listed to users.</summary>
public static class StandardWorkloads
{
    public static IReadOnlyList<IWorkload> All { get; } =
    [
        new PrimesWorkload(),
        new SqrtWorkload(),
        new SquaresWorkload(),
        new CountdownWorkload(),
        new MonteCarloWorkload(),
        new MixedWorkload(),
        new SleepWorkload(),
        new HttpWorkload(),
        new FileWorkload(),
    ];
}
