// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Tokenization.Unicode;

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// Hugging Face's BertPreTokenizer: split on whitespace (dropped) and on every punctuation character
/// (kept, each one a word of its own). Enumerates the words of a span without allocating:
/// <c>foreach (var word in new BertPreTokenizer(text))</c>.
/// </summary>
internal ref struct BertPreTokenizer(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _position;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly BertPreTokenizer GetEnumerator() => this;

    public bool MoveNext()
    {
        int wordStart = -1;
        while (_position < _text.Length)
        {
            int i = _position;
            int cp = _text[i];
            int width = 1;
            if (char.IsHighSurrogate(_text[i]) && i + 1 < _text.Length && char.IsLowSurrogate(_text[i + 1]))
            {
                cp = char.ConvertToUtf32(_text[i], _text[i + 1]);
                width = 2;
            }

            bool space = cp == ' ' || ((cp < 0x21 || cp > 0x7E) && CharClasses.IsWhitespace(cp));
            if (space || CharClasses.IsPunctuation(cp))
            {
                if (wordStart >= 0)
                {
                    Current = _text[wordStart..i]; // the separator is looked at again next time
                    return true;
                }

                _position += width;
                if (!space)
                {
                    Current = _text.Slice(i, width);
                    return true;
                }

                continue;
            }

            if (wordStart < 0)
            {
                wordStart = i;
            }

            _position += width;
        }

        if (wordStart >= 0)
        {
            Current = _text[wordStart..];
            return true;
        }

        return false;
    }
}
