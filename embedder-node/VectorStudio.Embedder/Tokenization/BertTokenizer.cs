// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers;
using VectorStudio.Embedder.Tokenization.Unicode;

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// A BERT WordPiece tokenizer that reproduces Hugging Face's (<c>tokenizers</c>) ids: added tokens
/// matched in the raw text, BertNormalizer, BertPreTokenizer, WordPiece, the <c>[CLS] … [SEP]</c>
/// template, truncation and padding. Thread-safe; each thread reuses its own scratch buffers, so
/// encoding allocates only the result.
/// </summary>
/// <remarks>
/// Truncation (right side): a text whose pieces do not fit keeps its first
/// <c>MaxLength - 2</c> pieces (minus the template's special tokens in general), then the closing
/// <c>[SEP]</c>; work stops once that many pieces are found, so a huge text costs little.
/// </remarks>
public sealed partial class BertTokenizer
{
    /// <summary>Characters normalized at a time, at least (see <see cref="EncodeSection"/>).</summary>
    private const int ChunkChars = 512;

    private static readonly SearchValues<char> ChunkBreaks = SearchValues.Create(" \t\n\r");

    [ThreadStatic]
    private static Scratch? CurrentScratch;

    private readonly BertNormalizer _normalizer;
    private readonly WordPieceModel _model;
    private readonly AddedTokenSplitter _rawTokens;
    private readonly AddedTokenSplitter _normalizedTokens;
    private readonly SequenceTemplate _template;

    private BertTokenizer(
        BertNormalizerOptions normalizer,
        WordPieceModel model,
        IReadOnlyList<AddedToken> addedTokens,
        SequenceTemplate template,
        int maxLength,
        int padId,
        int padTypeId)
    {
        if (maxLength != 0 && maxLength <= template.Count)
        {
            throw new TokenizerFormatException(
                $"Max length {maxLength} leaves no room for text beside the {template.Count} special tokens.");
        }

        _normalizer = new BertNormalizer(normalizer);
        _model = model;
        _template = template;
        AddedTokens = addedTokens;
        _rawTokens = new AddedTokenSplitter(addedTokens.Where(t => !t.Normalized));
        _normalizedTokens = new AddedTokenSplitter(addedTokens.Where(t => t.Normalized)
            .Select(t => t with { Content = _normalizer.Normalize(t.Content) }));
        MaxLength = maxLength;
        PadId = padId;
        PadTypeId = padTypeId;
    }

    public WordPieceVocabulary Vocabulary => _model.Vocabulary;

    public BertNormalizerOptions Normalizer => _normalizer.Options;

    public IReadOnlyList<AddedToken> AddedTokens { get; }

    /// <summary>Most tokens per encoding, special tokens included; 0 means no truncation.</summary>
    public int MaxLength { get; }

    public int PadId { get; }

    public int PadTypeId { get; }

    public int UnknownId => _model.UnknownId;

    /// <summary>Special tokens the template adds to every encoding.</summary>
    public int SpecialTokenCount => _template.Count;

    /// <summary>The same tokenizer with another truncation length (0: none).</summary>
    public BertTokenizer WithMaxLength(int maxLength) =>
        new(_normalizer.Options, _model, AddedTokens, _template, maxLength, PadId, PadTypeId);

    /// <summary>
    /// The ids of <paramref name="text"/>, special tokens included, truncated to <see cref="MaxLength"/>.
    /// </summary>
    public int[] Encode(ReadOnlySpan<char> text) => Encode(text, out _);

    /// <summary>
    /// The ids of <paramref name="text"/>, special tokens included, truncated to <see cref="MaxLength"/>;
    /// <paramref name="truncated"/> says whether word pieces were cut.
    /// </summary>
    public int[] Encode(ReadOnlySpan<char> text, out bool truncated)
    {
        var scratch = CurrentScratch ??= new Scratch();
        var ids = scratch.Ids;
        ids.Clear();
        int budget = MaxLength == 0 ? int.MaxValue : MaxLength - _template.Count;
        // One word piece past the budget tells a cut text from one that fits exactly.
        EncodeContent(text, scratch, budget == int.MaxValue ? budget : budget + 1);
        truncated = ids.Count > budget;
        int count = Math.Min(ids.Count, budget);
        var result = new int[_template.PrefixIds.Length + count + _template.SuffixIds.Length];
        _template.PrefixIds.CopyTo(result, 0);
        ids.CopyTo(0, result, _template.PrefixIds.Length, count);
        _template.SuffixIds.CopyTo(result, _template.PrefixIds.Length + count);
        return result;
    }

    /// <summary>Encodes and pads <paramref name="texts"/> (to the longest unless told otherwise).</summary>
    public TokenizedBatch EncodeBatch(IReadOnlyList<string> texts, TokenPadding? padding = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var encodings = new int[texts.Count][];
        for (int i = 0; i < encodings.Length; i++)
        {
            encodings[i] = Encode(texts[i]);
        }

        return Pad(encodings, padding);
    }

    /// <summary>Pads encodings from <see cref="Encode(ReadOnlySpan{char})"/> into one batch, rows in the order given.</summary>
    public TokenizedBatch Pad(IReadOnlyList<int[]> encodings, TokenPadding? padding = null)
    {
        ArgumentNullException.ThrowIfNull(encodings);
        if (encodings.Count == 0)
        {
            throw new ArgumentException("The batch is empty; give at least one text.", nameof(encodings));
        }

        int longest = 0;
        foreach (var encoding in encodings)
        {
            longest = Math.Max(longest, encoding.Length);
        }

        int width = (padding ?? TokenPadding.Longest).RowLength(longest);
        var inputIds = new long[encodings.Count * width];
        var mask = new long[inputIds.Length];
        var types = new long[inputIds.Length];
        var lengths = new int[encodings.Count];
        for (int row = 0; row < encodings.Count; row++)
        {
            var encoding = encodings[row];
            int offset = row * width;
            lengths[row] = encoding.Length;
            for (int i = 0; i < encoding.Length; i++)
            {
                inputIds[offset + i] = encoding[i];
                mask[offset + i] = 1;
                types[offset + i] = _template.TypeAt(i, encoding.Length);
            }

            inputIds.AsSpan(offset + encoding.Length, width - encoding.Length).Fill(PadId);
            types.AsSpan(offset + encoding.Length, width - encoding.Length).Fill(PadTypeId);
        }

        return new TokenizedBatch(encodings.Count, width, inputIds, mask, types, lengths);
    }

    private void EncodeContent(ReadOnlySpan<char> text, Scratch scratch, int budget)
    {
        int position = 0;
        while (position < text.Length && scratch.Ids.Count < budget)
        {
            if (!_rawTokens.TryFindNext(text, position, out int start, out int end, out int id))
            {
                EncodeSection(text[position..], scratch, budget);
                return;
            }

            EncodeSection(text[position..start], scratch, budget);
            if (scratch.Ids.Count < budget)
            {
                scratch.Ids.Add(id);
            }

            position = end;
        }
    }

    /// <summary>
    /// Normalization never combines characters across whitespace (a space is a starter, and words end
    /// there), so a long section is normalized and split in chunks cut before a whitespace character;
    /// truncation then stops after the chunk that fills it, and the buffers stay small.
    /// </summary>
    private void EncodeSection(ReadOnlySpan<char> section, Scratch scratch, int budget)
    {
        while (!section.IsEmpty && scratch.Ids.Count < budget)
        {
            int cut = _normalizedTokens.IsEmpty ? ChunkEnd(section) : section.Length;
            EncodeChunk(section[..cut], scratch, budget);
            section = section[cut..];
        }
    }

    private static int ChunkEnd(ReadOnlySpan<char> text)
    {
        if (text.Length <= ChunkChars)
        {
            return text.Length;
        }

        int next = text[ChunkChars..].IndexOfAny(ChunkBreaks);
        return next < 0 ? text.Length : ChunkChars + next;
    }

    private void EncodeChunk(ReadOnlySpan<char> section, Scratch scratch, int budget)
    {
        _normalizer.Normalize(section, scratch.Chars, scratch.CodePoints);
        var normalized = scratch.Chars.Span;
        int position = 0;
        while (position < normalized.Length && scratch.Ids.Count < budget)
        {
            if (!_normalizedTokens.TryFindNext(normalized, position, out int start, out int end, out int id))
            {
                EncodeWords(normalized[position..], scratch.Ids, budget);
                return;
            }

            EncodeWords(normalized[position..start], scratch.Ids, budget);
            if (scratch.Ids.Count < budget)
            {
                scratch.Ids.Add(id);
            }

            position = end;
        }
    }

    private void EncodeWords(ReadOnlySpan<char> text, List<int> ids, int budget)
    {
        foreach (var word in new BertPreTokenizer(text))
        {
            if (ids.Count >= budget)
            {
                return;
            }

            _model.Tokenize(word, ids);
        }
    }

    /// <summary>Per-thread buffers, reused across calls.</summary>
    private sealed class Scratch
    {
        public CharBuffer Chars { get; } = new();

        public CodePointBuffer CodePoints { get; } = new();

        public List<int> Ids { get; } = new(512);
    }
}
