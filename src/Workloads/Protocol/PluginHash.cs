using System.Security.Cryptography;
using System.Text;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// The content hash of a plugin's build: SHA-256 over the name and bytes of every assembly in its folder, in ordinal
/// order. A rebuilt plugin, a changed dependency or a missing file gives another hash; a copy elsewhere the same one.
/// </summary>
public static class PluginHash
{
    /// <param name="assemblyPath">The plugin's main assembly; its folder is hashed.</param>
    public static string Of(string assemblyPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file) + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
