// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;

namespace VectorStudio.Engine.Wal;

/// <summary>
/// Optional settings that follow the fixed configuration of a create record and a snapshot's config block
/// (docs/storage.md, "Configuration extensions"): each is u8 tag, u16 length, body. A configuration
/// without them encodes exactly as format version 1 did, and a version 1 body (which ends after the
/// fixed part) decodes with none.
/// </summary>
internal static class ConfigExtensions
{
    /// <summary>Tag of the embedder binding: endpoint, model name, text field (u16-length strings), u8 flags.</summary>
    public const byte EmbedderTag = 1;

    /// <summary>Bit 0 of the embedder binding's flags: store a point's text in its payload.</summary>
    private const byte StoreTextFlag = 1;

    public static void Write(ByteWriter w, CollectionConfig config)
    {
        if (config.Embedder is not { } embedder)
        {
            return;
        }

        w.U8(EmbedderTag);
        var lengthAt = w.Skip(2);
        var start = w.Length;
        w.String16(embedder.Endpoint);
        w.String16(embedder.ModelName ?? string.Empty);
        w.String16(embedder.TextField);
        w.U8(embedder.StoreText ? StoreTextFlag : (byte)0);
        var length = w.Length - start;
        w.WrittenSpan[lengthAt] = (byte)length;
        w.WrittenSpan[lengthAt + 1] = (byte)(length >> 8);
    }

    /// <exception cref="InvalidDataException">An extension is cut short, repeated or unknown.</exception>
    public static CollectionConfig Read(ref ByteReader r, CollectionConfig config)
    {
        while (r.Remaining > 0)
        {
            var tag = r.U8();
            var length = r.U16();
            if (length > r.Remaining)
            {
                throw new InvalidDataException($"configuration extension {tag} of {length} bytes runs past its record");
            }

            var body = new ByteReader(r.Bytes(length));
            config = tag switch
            {
                EmbedderTag when config.Embedder is null => config with { Embedder = ReadEmbedder(ref body) },
                EmbedderTag => throw new InvalidDataException("the embedder binding appears twice"),
                _ => throw new InvalidDataException($"unknown configuration extension {tag}"),
            };
            if (body.Remaining != 0)
            {
                throw new InvalidDataException($"{body.Remaining} bytes follow configuration extension {tag}");
            }
        }

        return config;
    }

    private static EmbedderBinding ReadEmbedder(ref ByteReader r)
    {
        var endpoint = r.String16();
        var model = r.String16();
        var field = r.String16();
        var flags = r.U8();
        return new EmbedderBinding(endpoint, model, field, (flags & StoreTextFlag) != 0);
    }
}
