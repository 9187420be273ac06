// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;

namespace VectorStudio.Embedder.Tokenization;

/// <summary>A reusable, growable char buffer (no allocation once it has grown to its working size).</summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Add(char c)
    {
        if (Length == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[Length++] = c;
    }

    public void Add(Rune rune)
    {
        if (rune.IsBmp)
        {
            Add((char)rune.Value);
            return;
        }

        Add((char)((rune.Value - 0x10000 >> 10) + 0xD800));
        Add((char)((rune.Value & 0x3FF) + 0xDC00));
    }

    public void Add(int codePoint)
    {
        if (codePoint <= char.MaxValue)
        {
            Add((char)codePoint);
        }
        else
        {
            Add(new Rune(codePoint));
        }
    }
}
