// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization.Unicode;

/// <summary>A reusable, growable list of code points (no allocation once it has grown to its working size).</summary>
internal sealed class CodePointBuffer
{
    private int[] _items = new int[256];

    public int Count { get; private set; }

    /// <summary>The backing array; valid up to <see cref="Count"/>.</summary>
    public int[] Items => _items;

    public void Clear() => Count = 0;

    public void Add(int codePoint)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = codePoint;
    }
}
