// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers;

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// Finds added tokens in text: leftmost match first, the longest token when several start there
/// (Hugging Face's leftmost-longest Aho-Corasick; a handful of tokens makes a scan enough).
/// </summary>
internal sealed class AddedTokenSplitter
{
    private readonly AddedToken[] _tokens;
    private readonly SearchValues<char> _firstChars;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        _tokens = [.. tokens.Where(t => t.Content.Length > 0).OrderByDescending(t => t.Content.Length)];
        _firstChars = SearchValues.Create([.. _tokens.Select(t => t.Content[0]).Distinct()]);
    }

    public bool IsEmpty => _tokens.Length == 0;

    /// <summary>
    /// The next added token at or after <paramref name="from"/>: <paramref name="start"/> and
    /// <paramref name="end"/> bound the text it consumes (stripped whitespace included).
    /// </summary>
    public bool TryFindNext(ReadOnlySpan<char> text, int from, out int start, out int end, out int id)
    {
        start = end = id = 0;
        if (_tokens.Length == 0)
        {
            return false;
        }

        int position = from;
        while (position < text.Length)
        {
            int offset = text[position..].IndexOfAny(_firstChars);
            if (offset < 0)
            {
                return false;
            }

            position += offset;
            foreach (var token in _tokens)
            {
                if (text[position..].StartsWith(token.Content, StringComparison.Ordinal)
                    && Fits(token, text, position, position + token.Content.Length))
                {
                    (start, end, id) = (position, position + token.Content.Length, token.Id);
                    while (token.LStrip && start > from && char.IsWhiteSpace(text[start - 1]))
                    {
                        start--;
                    }

                    while (token.RStrip && end < text.Length && char.IsWhiteSpace(text[end]))
                    {
                        end++;
                    }

                    return true;
                }
            }

            position++;
        }

        return false;
    }

    private static bool Fits(AddedToken token, ReadOnlySpan<char> text, int start, int end) =>
        !token.SingleWord
        || ((start == 0 || !IsWordChar(text[start - 1])) && (end == text.Length || !IsWordChar(text[end])));

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
