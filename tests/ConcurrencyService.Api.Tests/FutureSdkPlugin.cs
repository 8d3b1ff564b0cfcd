using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// Writes a plugin assembly as a compiler would for an SDK this host does not have: its metadata references
/// <c>ConcurrencyService.Workloads</c> at the given version and names that SDK's <c>Workload`3</c>. Nothing else is in it,
/// because the host must refuse it on the reference alone, before it looks for workload types.
/// </summary>
internal static class FutureSdkPlugin
{
    public static void Write(string path, Version sdkVersion)
    {
        var metadata = new MetadataBuilder();
        var name = Path.GetFileNameWithoutExtension(path);
        metadata.AddModule(0, metadata.GetOrAddString(Path.GetFileName(path)), metadata.GetOrAddGuid(Guid.NewGuid()), default, default);
        metadata.AddAssembly(metadata.GetOrAddString(name), new Version(1, 0, 0, 0), default, default, 0, AssemblyHashAlgorithm.Sha1);
        var sdk = metadata.AddAssemblyReference(
            metadata.GetOrAddString("ConcurrencyService.Workloads"), sdkVersion, default, default, default, default);
        metadata.AddTypeReference(sdk, metadata.GetOrAddString("ConcurrencyService.Workloads"), metadata.GetOrAddString("Workload`3"));
        metadata.AddTypeDefinition(
            default, default, metadata.GetOrAddString("<Module>"), default, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));

        var image = new BlobBuilder();
        new ManagedPEBuilder(new PEHeaderBuilder(imageCharacteristics: Characteristics.Dll), new MetadataRootBuilder(metadata), new BlobBuilder())
            .Serialize(image);
        File.WriteAllBytes(path, image.ToArray());
    }
}
