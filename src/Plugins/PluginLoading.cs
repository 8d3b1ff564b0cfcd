using System.Reflection;
using ConcurrencyService.Workloads.Protocol;
using System.Text.RegularExpressions;
using McMaster.NETCore.Plugins;

namespace ConcurrencyService.Workloads.Plugins;

/// <summary>
/// Loads the configured plugins (folders or .dll files), each in its own load context that shares the SDK with the host
/// and resolves the plugin's own dependencies from its .deps.json. Everything a plugin can get wrong that can be seen
/// before a job runs is refused here, with the file and the reason (<see cref="PluginLoadException"/>).
/// </summary>
public static partial class PluginLoading
{
    /// <param name="paths">Folders (a build output) or .dll files, as configured.</param>
    /// <param name="builtInNames">Every built-in workload's name, offered or not: a plugin may not take one.</param>
    /// <param name="hashed">
    /// Builds already hashed by the caller (assembly path → <see cref="PluginHash"/>), e.g. a worker's, checked against its
    /// host's before loading: a plugin folder is read and hashed once per process, not twice.
    /// </param>
    /// <exception cref="PluginLoadException">A plugin cannot be served.</exception>
    public static IReadOnlyList<LoadedPlugin> Load(IEnumerable<string> paths, IEnumerable<string> builtInNames, IReadOnlyDictionary<string, string>? hashed = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(builtInNames);
        var taken = builtInNames.ToDictionary(n => n, _ => "the built-in workload", StringComparer.Ordinal);
        var plugins = new List<LoadedPlugin>();
        foreach (var assemblyPath in paths.SelectMany(Assemblies).Distinct(StringComparer.Ordinal))
        {
            var plugin = LoadAssembly(assemblyPath, hashed?.GetValueOrDefault(assemblyPath));
            foreach (var workload in plugin.Workloads)
            {
                if (taken.TryGetValue(workload.Name, out var owner))
                {
                    throw new PluginLoadException(assemblyPath, $"its workload '{workload.Name}' clashes with {owner} of that name.");
                }

                taken[workload.Name] = $"the workload in '{assemblyPath}'";
            }

            plugins.Add(plugin);
        }

        return plugins;
    }

    /// <summary>The plugin assemblies a configured path names: a .dll itself, or each assembly of a build folder (one per .deps.json).</summary>
    private static IEnumerable<string> Assemblies(string configured)
    {
        var path = Path.GetFullPath(configured);
        if (Directory.Exists(path))
        {
            var built = Directory.EnumerateFiles(path, "*.deps.json")
                .Select(deps => Path.Combine(path, Path.GetFileName(deps)[..^".deps.json".Length] + ".dll"))
                .Where(File.Exists)
                .Order(StringComparer.Ordinal)
                .ToList();
            return built.Count > 0
                ? built
                : throw new PluginLoadException(path, "the folder holds no built assembly (no <name>.deps.json beside a <name>.dll): point at a plugin's build output, e.g. bin/Release/net10.0, or at its .dll.");
        }

        if (!File.Exists(path))
        {
            throw new PluginLoadException(path, "no such file or folder.");
        }

        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? [path]
            : throw new PluginLoadException(path, "not an assembly: a plugin is a .dll (or the folder it was built into).");
    }

    private static LoadedPlugin LoadAssembly(string path, string? hash)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
        }
        catch (BadImageFormatException ex)
        {
            throw new PluginLoadException(path, "not a .NET assembly.", ex);
        }

        // Shared: the SDK (one Workload<,,> type for host and plugin) and what the SDK's surface names.
        var loader = PluginLoader.CreateFromAssemblyFile(path, sharedTypes: [typeof(Workload<,,>)], configure: c => c.PreferSharedTypes = true);
        var assembly = loader.LoadDefaultAssembly();
        var sdk = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == PluginSdk.AssemblyName)
            ?? throw new PluginLoadException(path, $"it does not reference the workload SDK ({PluginSdk.AssemblyName}), so it has no workload type.");
        if (sdk.Version?.Major != PluginSdk.SupportedMajor)
        {
            throw new PluginLoadException(path, $"it was built against SDK {sdk.Version}; this host loads SDK major version {PluginSdk.SupportedMajor} only.");
        }

        foreach (var dependency in assembly.GetReferencedAssemblies())
        {
            try
            {
                loader.LoadAssembly(dependency);
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                throw new PluginLoadException(
                    path, $"its dependency {dependency.Name} {dependency.Version} cannot be loaded ({ex.Message}). Build the plugin with <EnableDynamicLoading>true</EnableDynamicLoading> so that its dependencies are copied beside it.", ex);
            }
        }

        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            throw new PluginLoadException(path, $"its types cannot be loaded: {ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message}", ex);
        }

        var workloads = types.Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && SdkBase(t) is not null).ToList();
        return workloads.Count > 0
            ? new LoadedPlugin(path, hash ?? PluginHash.Of(path), [.. workloads.Select(t => Adapt(path, t))])
            : throw new PluginLoadException(path, "no workload type: no public class in it derives from ConcurrencyService.Workloads.Workload<TParameters, TPiece, TOutput>.");
    }

    private static IWorkload Adapt(string path, Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PluginLoadException(path, $"{type.FullName} has no public parameterless constructor; the host creates one instance of each workload.");
        }

        object instance;
        try
        {
            instance = Activator.CreateInstance(type)!;
        }
        catch (Exception ex) when (ex is TargetInvocationException or TypeInitializationException)
        {
            var cause = ex.GetBaseException();
            throw new PluginLoadException(path, $"creating {type.FullName} threw {cause.GetType().Name}: {cause.Message}", ex);
        }

        IWorkload workload;
        try
        {
            var adapter = typeof(PluginWorkload<,,>).MakeGenericType(SdkBase(type)!.GetGenericArguments());
            workload = (IWorkload)Activator.CreateInstance(adapter, instance)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } cause)
        {
            throw new PluginLoadException(path, $"{type.FullName}: {cause.Message}", ex);
        }

        if (!DottedName().IsMatch(workload.Name ?? string.Empty))
        {
            throw new PluginLoadException(
                path, $"{type.FullName} is named '{workload.Name}', which is not a valid dotted name: lower-case words of letters, digits and dashes, joined by dots, at least two (e.g. acme.resize).");
        }

        return workload;
    }

    private static Type? SdkBase(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Workload<,,>))
            {
                return t;
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$")]
    private static partial Regex DottedName();
}
