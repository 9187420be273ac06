// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// Text that is not valid UTF-8; <see cref="ByteOffset"/> is where the first invalid sequence starts.
/// </summary>
public sealed class InvalidUtf8Exception : FormatException
{
    public InvalidUtf8Exception(int byteOffset, int length)
        : base($"Text is not valid UTF-8: invalid or truncated sequence at byte {byteOffset} of {length}; " +
            "send UTF-8 encoded text.")
    {
        ByteOffset = byteOffset;
    }

    public int ByteOffset { get; }
}
