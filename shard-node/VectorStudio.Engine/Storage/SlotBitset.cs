// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics;
using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Storage;

/// <summary>
/// A growable set of slots, one bit each. Scans read it a 64-slot word at a time, which is also
/// four 16-vector panels of <see cref="PanelVectorStorage"/>.
/// </summary>
internal sealed class SlotBitset
{
    private ulong[] _words;

    public SlotBitset(int capacitySlots = 64)
    {
        _words = new ulong[WordCount(capacitySlots)];
    }

    /// <summary>Slots the set can hold without growing.</summary>
    public int Capacity => _words.Length * 64;

    /// <summary>The words, bit <c>i % 64</c> of word <c>i / 64</c> being slot <c>i</c>.</summary>
    public ReadOnlySpan<ulong> Words => _words;

    public static int WordCount(int slots) => (slots + 63) >> 6;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(int slot)
    {
        var word = slot >> 6;
        return (uint)word < (uint)_words.Length && (_words[word] & (1UL << slot)) != 0;
    }

    /// <summary>The word holding slots <c>64·index</c> .. <c>64·index + 63</c>; zero past the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Word(int index) => (uint)index < (uint)_words.Length ? _words[index] : 0UL;

    public void Add(int slot)
    {
        EnsureCapacity(slot + 1);
        _words[slot >> 6] |= 1UL << slot;
    }

    public void Remove(int slot)
    {
        var word = slot >> 6;
        if ((uint)word < (uint)_words.Length)
        {
            _words[word] &= ~(1UL << slot);
        }
    }

    /// <summary>Keeps only the slots also in <paramref name="other"/>.</summary>
    public void IntersectWith(SlotBitset other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] &= other.Word(i);
        }
    }

    public int Count()
    {
        var count = 0;
        foreach (var word in _words)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    public void EnsureCapacity(int slots)
    {
        var needed = WordCount(slots);
        if (needed > _words.Length)
        {
            Array.Resize(ref _words, Math.Max(needed, _words.Length * 2));
        }
    }

    /// <summary>The slots in ascending order.</summary>
    public IEnumerable<int> Enumerate()
    {
        for (var w = 0; w < _words.Length; w++)
        {
            var word = _words[w];
            while (word != 0)
            {
                yield return (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }
    }
}
