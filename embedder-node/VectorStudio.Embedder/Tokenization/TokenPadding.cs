// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization;

/// <summary>How a batch is padded: to its longest sequence, or to a fixed length; optionally rounded up.</summary>
/// <param name="FixedLength">Pad every row to this many tokens; null pads to the longest row.</param>
/// <param name="PadToMultipleOf">Round the padded length up to a multiple of this (1 = no rounding).</param>
public sealed record TokenPadding(int? FixedLength = null, int PadToMultipleOf = 1)
{
    /// <summary>Pad to the longest sequence in the batch (the least work for the model).</summary>
    public static TokenPadding Longest { get; } = new();

    public static TokenPadding Fixed(int length) => new(length);

    /// <summary>The row length for a batch whose longest sequence has <paramref name="longest"/> tokens.</summary>
    public int RowLength(int longest)
    {
        if (PadToMultipleOf < 1)
        {
            throw new InvalidOperationException($"PadToMultipleOf is {PadToMultipleOf}; it must be at least 1.");
        }

        int length = longest;
        if (FixedLength is { } fixedLength)
        {
            if (longest > fixedLength)
            {
                throw new ArgumentException(
                    $"A sequence of {longest} tokens is longer than the fixed padding length {fixedLength}; " +
                    "set the truncation max length at or below it.");
            }

            length = fixedLength;
        }

        return (length + PadToMultipleOf - 1) / PadToMultipleOf * PadToMultipleOf;
    }
}
