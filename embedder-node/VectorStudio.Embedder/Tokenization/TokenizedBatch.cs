// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// A padded batch ready for a model: row-major <c>[BatchSize, SequenceLength]</c> int64 tensors
/// (input ids, attention mask, token type ids), and each row's real length.
/// </summary>
public sealed class TokenizedBatch
{
    internal TokenizedBatch(
        int batchSize,
        int sequenceLength,
        long[] inputIds,
        long[] attentionMask,
        long[] tokenTypeIds,
        int[] lengths)
    {
        BatchSize = batchSize;
        SequenceLength = sequenceLength;
        InputIds = inputIds;
        AttentionMask = attentionMask;
        TokenTypeIds = tokenTypeIds;
        Lengths = lengths;
    }

    public int BatchSize { get; }

    /// <summary>Tokens per row after padding.</summary>
    public int SequenceLength { get; }

    /// <summary>Token ids, <c>[BatchSize, SequenceLength]</c> row-major; padding uses the pad id.</summary>
    public long[] InputIds { get; }

    /// <summary>1 for real tokens, 0 for padding.</summary>
    public long[] AttentionMask { get; }

    /// <summary>Segment ids (0 for a single sequence in BERT; padding uses the pad type id).</summary>
    public long[] TokenTypeIds { get; }

    /// <summary>Real tokens per row (special tokens included).</summary>
    public int[] Lengths { get; }

    /// <summary>Row <paramref name="row"/>'s input ids, padding included.</summary>
    public ReadOnlySpan<long> Row(int row) => InputIds.AsSpan(row * SequenceLength, SequenceLength);
}
