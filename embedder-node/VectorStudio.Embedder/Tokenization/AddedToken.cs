// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// A token matched in the text before WordPiece runs (tokenizer.json <c>added_tokens</c>; for BERT
/// the special tokens, so a literal "[SEP]" in the text becomes the separator id, as in Hugging Face).
/// </summary>
/// <param name="Content">The exact text matched.</param>
/// <param name="Id">Its id.</param>
/// <param name="Special">A special token (not matched inside normalized text unless <paramref
/// name="Normalized"/>).</param>
/// <param name="Normalized">Matched in the normalized text rather than the raw input.</param>
/// <param name="LStrip">The match swallows whitespace on its left.</param>
/// <param name="RStrip">The match swallows whitespace on its right.</param>
/// <param name="SingleWord">Matched only when not inside a word (no letter, digit or '_' beside it).</param>
public sealed record AddedToken(
    string Content,
    int Id,
    bool Special = true,
    bool Normalized = false,
    bool LStrip = false,
    bool RStrip = false,
    bool SingleWord = false);
