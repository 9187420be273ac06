// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers;
using System.Text.Unicode;

namespace VectorStudio.Embedder.Tokenization;

/// <summary>Strict UTF-8 decoding for text arriving as bytes: invalid input is an error, never replaced.</summary>
public static class Utf8Text
{
    /// <summary>
    /// Decodes <paramref name="bytes"/>, or throws <see cref="InvalidUtf8Exception"/> naming the first bad byte.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        var chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false);
        return status switch
        {
            OperationStatus.Done => new string(chars[..written]),
            OperationStatus.InvalidData or OperationStatus.NeedMoreData =>
                throw new InvalidUtf8Exception(read, bytes.Length),
            OperationStatus.DestinationTooSmall =>
                throw new InvalidOperationException("UTF-16 never needs more units than UTF-8 has bytes."),
        };
    }

    /// <summary>
    /// Whether <paramref name="bytes"/> is valid UTF-8; <paramref name="offset"/> is the first bad byte when not.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> bytes, out int offset)
    {
        int index = Utf8.IsValid(bytes) ? -1 : FirstInvalid(bytes);
        offset = index;
        return index < 0;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        Utf8.ToUtf16(bytes, chars, out int read, out _, replaceInvalidSequences: false);
        return read;
    }
}
