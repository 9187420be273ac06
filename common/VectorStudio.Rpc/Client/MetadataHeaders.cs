// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// Moves <see cref="Metadata"/> to and from HTTP headers: binary (<c>-bin</c>) values travel as
/// base64, emitted unpadded and accepted with or without padding, as PROTOCOL-HTTP2 asks.
/// </summary>
internal static class MetadataHeaders
{
    private const string UserAgentKey = "user-agent";

    /// <summary>Adds application metadata to a request; the transport's own headers are skipped.</summary>
    public static void AddTo(HttpRequestHeaders headers, Metadata metadata)
    {
        for (var i = 0; i < metadata.Count; i++)
        {
            var entry = metadata[i];
            if (GrpcProtocol.IsReservedHeader(entry.Key))
            {
                continue;
            }

            if (entry.Key == UserAgentKey)
            {
                // The caller's user-agent replaces the channel's default rather than joining it.
                headers.Remove(UserAgentKey);
            }

            var value = entry.IsBinary ? ToUnpaddedBase64(entry.ValueBytes) : entry.Value;
            headers.TryAddWithoutValidation(entry.Key, value);
        }
    }

    /// <summary>The application metadata among response headers or trailers.</summary>
    public static Metadata FromHeaders(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            var key = header.Key;
            if (GrpcProtocol.IsReservedHeader(key) || !IsValidKey(key))
            {
                continue;
            }

            var binary = Metadata.IsBinaryKey(key.ToLowerInvariant());
            foreach (var value in header.Value)
            {
                if (binary)
                {
                    AddBinary(metadata, key, value);
                }
                else if (IsPrintableAscii(value))
                {
                    metadata.Add(key, value);
                }
            }
        }

        return metadata;
    }

    /// <summary>Reads <c>grpc-status</c> and the percent-decoded <c>grpc-message</c>; false when absent.</summary>
    public static bool TryReadStatus(HttpHeaders headers, out Status status)
    {
        status = default;
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var codes))
        {
            return false;
        }

        var detail = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var messages)
            ? PercentEncoding.Decode(messages.ToString())
            : string.Empty;
        var text = codes.ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            status = new Status(StatusCode.Unknown, $"Invalid grpc-status '{text}'. {detail}".TrimEnd());
            return true;
        }

        // Codes beyond the known range are reported as UNKNOWN, as statuscodes.md asks.
        status = new Status(code is >= 0 and <= 16 ? (StatusCode)code : StatusCode.Unknown, detail);
        return true;
    }

    public static string ToUnpaddedBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Decodes base64 with or without padding; null for anything else.</summary>
    public static byte[]? DecodeBase64(string value)
    {
        var trimmed = value.AsSpan().Trim();
        var padding = (4 - (trimmed.Length % 4)) % 4;
        if (padding == 3)
        {
            return null;
        }

        var buffer = ArrayPool<char>.Shared.Rent(trimmed.Length + padding);
        try
        {
            trimmed.CopyTo(buffer);
            buffer.AsSpan(trimmed.Length, padding).Fill('=');
            var output = new byte[(trimmed.Length + padding) / 4 * 3];
            return Convert.TryFromBase64Chars(buffer.AsSpan(0, trimmed.Length + padding), output, out var written)
                ? output.AsSpan(0, written).ToArray()
                : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static void AddBinary(Metadata metadata, string key, string value)
    {
        // A repeated binary header may arrive folded into one comma-separated value.
        foreach (var range in value.AsSpan().Split(','))
        {
            var bytes = DecodeBase64(value[range]);
            if (bytes is not null)
            {
                metadata.Add(key, bytes);
            }
        }
    }

    private static bool IsValidKey(string key)
    {
        foreach (var c in key)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!ok)
            {
                return false;
            }
        }

        return key.Length > 0;
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
