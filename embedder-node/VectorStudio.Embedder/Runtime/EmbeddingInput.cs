// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>Checks a batch of token ids before it reaches a native runtime (both backends share it).</summary>
internal static class EmbeddingInput
{
    public static void Validate(ReadOnlySpan<long> inputIds, ReadOnlySpan<long> attentionMask, int batch, int sequenceLength, int maxSequenceLength)
    {
        if (batch < 1)
        {
            throw EmbedderException.InvalidInput($"empty batch: at least one sequence is required (batch was {batch})");
        }

        if (sequenceLength < 1 || sequenceLength > maxSequenceLength)
        {
            throw EmbedderException.InvalidInput(
                $"sequence length {sequenceLength} is outside 1..{maxSequenceLength} (the model's maxSequenceLength; longer texts are truncated by the tokenizer)");
        }

        var expected = (long)batch * sequenceLength;
        if (inputIds.Length != expected || attentionMask.Length != expected)
        {
            throw EmbedderException.InvalidInput(
                $"input_ids has {inputIds.Length} and attention_mask {attentionMask.Length} values; batch {batch} × sequence {sequenceLength} needs {expected} each");
        }

        for (var i = 0; i < inputIds.Length; i++)
        {
            if (inputIds[i] < 0)
            {
                throw EmbedderException.InvalidInput($"input_ids[{i}] is {inputIds[i]}; token ids are non-negative");
            }

            if (attentionMask[i] is not (0 or 1))
            {
                throw EmbedderException.InvalidInput($"attention_mask[{i}] is {attentionMask[i]}; accepted: 0 (padding) or 1 (token)");
            }
        }
    }
}
