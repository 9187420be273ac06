// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// Hugging Face's <c>BertNormalizer</c> settings (tokenizer.json <c>normalizer</c>); the defaults are
/// BERT's uncased ones.
/// </summary>
/// <param name="CleanText">Drop NUL, U+FFFD and control characters; turn every whitespace into a space.</param>
/// <param name="HandleChineseChars">Put spaces around CJK ideographs so each becomes a word.</param>
/// <param name="StripAccents">Decompose (NFD) and drop non-spacing marks; null follows <paramref
/// name="Lowercase"/>.</param>
/// <param name="Lowercase">Lower-case every character.</param>
public sealed record BertNormalizerOptions(
    bool CleanText = true,
    bool HandleChineseChars = true,
    bool? StripAccents = null,
    bool Lowercase = true)
{
    /// <summary>Whether accents are stripped once the default is resolved.</summary>
    public bool StripsAccents => StripAccents ?? Lowercase;
}
