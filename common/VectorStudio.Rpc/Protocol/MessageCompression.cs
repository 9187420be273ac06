// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.IO.Compression;

namespace VectorStudio.Rpc.Protocol;

/// <summary>
/// Message compression by <c>grpc-encoding</c>. gzip is the one codec besides identity; the
/// decompressed size is bounded so a small "zip bomb" cannot exceed the receive limit.
/// </summary>
public static class MessageCompression
{
    /// <summary>The value of <c>grpc-accept-encoding</c> this implementation sends.</summary>
    public const string AcceptedEncodings = "identity,gzip";

    public static bool IsSupported(string? encoding) =>
        encoding is null
        || encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase)
        || encoding.Equals(GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a <c>grpc-accept-encoding</c> list names gzip.</summary>
    public static bool AcceptsGzip(string? acceptEncoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }

        foreach (var part in acceptEncoding.Split(','))
        {
            if (part.Trim().Equals(GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Inflates a gzip message. Returns null when the result would exceed <paramref name="maxSize"/>;
    /// throws <see cref="InvalidDataException"/> for data that is not gzip.
    /// </summary>
    public static byte[]? Gunzip(ReadOnlyMemory<byte> data, int maxSize)
    {
        using var input = new MemoryStream(data.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + read > maxSize)
            {
                return null;
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }
}
