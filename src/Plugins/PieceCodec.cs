using MessagePack;
using MessagePack.Resolvers;

namespace ConcurrencyService.Workloads.Plugins;

/// <summary>
/// How a plugin's pieces and outputs cross to and from a worker process: MessagePack with the contractless resolver,
/// which reads a plain record's properties and constructor with no attributes, so the author writes no serialization
/// code (and may keep records internal). Chosen over a source generator of our own: it handles nested records, lists,
/// arrays and enums already, is maintained and fast, and needs nothing in the plugin's build.
/// </summary>
internal static class PieceCodec
{
    private static readonly MessagePackSerializerOptions Options = ContractlessStandardResolverAllowPrivate.Options;

    public static byte[] Encode<T>(T value) => MessagePackSerializer.Serialize(value, Options);

    /// <exception cref="InvalidDataException">The bytes are not a <typeparamref name="T"/>.</exception>
    public static T Decode<T>(ReadOnlyMemory<byte> bytes, string owner, string part)
    {
        try
        {
            return MessagePackSerializer.Deserialize<T>(bytes, Options)
                ?? throw new InvalidDataException($"{owner}: the {part} decoded as null.");
        }
        catch (MessagePackSerializationException ex)
        {
            throw new InvalidDataException($"{owner}: the bytes are not a {part} ({typeof(T).Name}): {ex.GetBaseException().Message}", ex);
        }
    }
}
