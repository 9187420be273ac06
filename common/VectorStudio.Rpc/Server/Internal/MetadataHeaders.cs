// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.AspNetCore.Http;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Server.Internal;

/// <summary>Converts between HTTP/2 header fields and <see cref="Metadata"/>.</summary>
internal static class MetadataHeaders
{
    /// <summary>
    /// The application's metadata among the request headers: reserved and pseudo headers are left
    /// out, <c>-bin</c> values are base64-decoded (padded or not; comma-separated values are split),
    /// and entries that are not valid metadata are skipped rather than failing the call.
    /// </summary>
    public static Metadata FromRequest(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (GrpcProtocol.IsReservedHeader(key))
            {
                continue;
            }

            var binary = Metadata.IsBinaryKey(key) || key.EndsWith("-Bin", StringComparison.OrdinalIgnoreCase);
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (binary)
                {
                    AddBinary(metadata, key, value);
                }
                else
                {
                    TryAdd(metadata, key, value);
                }
            }
        }

        return metadata;
    }

    /// <summary>Adds metadata as header fields; binary values go out as unpadded base64.</summary>
    public static void AddTo(IHeaderDictionary target, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            // Reserved names belong to the protocol; letting a handler set them would corrupt the call.
            // grpc-status-details-bin is the exception: it carries the handler's rich error details.
            if (GrpcProtocol.IsReservedHeader(entry.Key) && entry.Key != GrpcProtocol.StatusDetailsHeader)
            {
                continue;
            }

            var value = entry.IsBinary ? BinaryHeaderEncoding.EncodeUnpadded(entry.ValueBytes) : entry.Value;
            target.Append(entry.Key, value);
        }
    }

    private static void AddBinary(Metadata metadata, string key, string value)
    {
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (BinaryHeaderEncoding.TryDecode(part, out var bytes))
            {
                try
                {
                    metadata.Add(key, bytes);
                }
                catch (ArgumentException)
                {
                    // An invalid key: skip the entry, the call itself is fine.
                }
            }
        }
    }

    private static void TryAdd(Metadata metadata, string key, string value)
    {
        try
        {
            metadata.Add(key, value);
        }
        catch (ArgumentException)
        {
            // An invalid key or a value outside printable ASCII: skip the entry, the call itself is fine.
        }
    }
}
