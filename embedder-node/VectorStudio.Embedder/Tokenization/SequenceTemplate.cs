// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// The post-processor for a single sequence: special tokens before and after it, with their type ids
/// (BERT: <c>[CLS] $A [SEP]</c>, every type id 0).
/// </summary>
internal sealed record SequenceTemplate(
    int[] PrefixIds,
    int[] PrefixTypes,
    int SequenceType,
    int[] SuffixIds,
    int[] SuffixTypes)
{
    public static SequenceTemplate None { get; } = new([], [], 0, [], []);

    public static SequenceTemplate Bert(int clsId, int sepId) => new([clsId], [0], 0, [sepId], [0]);

    /// <summary>Special tokens added around every sequence.</summary>
    public int Count => PrefixIds.Length + SuffixIds.Length;

    /// <summary>
    /// The type id at <paramref name="position"/> of an encoding of <paramref name="length"/> tokens.
    /// </summary>
    public int TypeAt(int position, int length) =>
        position < PrefixIds.Length ? PrefixTypes[position]
        : position >= length - SuffixIds.Length ? SuffixTypes[position - (length - SuffixIds.Length)]
        : SequenceType;
}
