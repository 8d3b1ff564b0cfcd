namespace ConcurrencyService.Testing;

/// <summary>
/// Where the plugins the tests load were built: the samples and the test assets, which the solution builds in the
/// configuration of the test project asking.
/// </summary>
public static class PluginPaths
{
    // bin/<Configuration>/net10.0/ of the running test project.
    private static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string Samples => Repository.PathOf("samples", "Workloads", "bin", Configuration, "net10.0");

    public static string Asset(string name) => Repository.PathOf("tests", "Assets", name, "bin", Configuration, "net10.0");
}
