namespace ConcurrencyService.Api.Tests;

/// <summary>Where the plugins these tests load were built: the sample and the test assets, built with this project in the same configuration.</summary>
internal static class PluginPaths
{
    // bin/<Configuration>/net10.0/ of this test project.
    private static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string Samples => Repository.PathOf("samples", "Workloads", "bin", Configuration, "net10.0");

    public static string Asset(string name) => Repository.PathOf("tests", "Assets", name, "bin", Configuration, "net10.0");
}
