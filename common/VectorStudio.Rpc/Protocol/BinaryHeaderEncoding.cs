// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Protocol;

/// <summary>
/// Base64 for <c>-bin</c> metadata: written without padding (as PROTOCOL-HTTP2 recommends) and read
/// with or without it.
/// </summary>
public static class BinaryHeaderEncoding
{
    public static string EncodeUnpadded(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Decodes standard base64, padded or not; false for anything else.</summary>
    public static bool TryDecode(string value, out byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        var padded = (value.Length % 4) switch
        {
            0 => value,
            2 => value + "==",
            3 => value + "=",
            _ => null,
        };
        bytes = [];
        if (padded is null)
        {
            return false;
        }

        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
        return true;
    }
}
