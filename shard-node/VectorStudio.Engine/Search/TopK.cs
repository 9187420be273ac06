// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Search;

/// <summary>
/// The best <c>k</c> (key, slot) pairs seen so far: a binary min-heap whose root is the worst kept
/// entry, so a candidate is compared with one value. Larger keys are better; equal keys rank by id.
/// </summary>
/// <remarks>
/// Scans read <see cref="Bound"/> and skip every key below it without touching the heap; only keys at
/// or above it come to <see cref="TryPush"/>, which settles ties exactly.
/// </remarks>
internal sealed class TopK
{
    private readonly float[] _keys;
    private readonly int[] _slots;
    private readonly ISlotOrder _order;
    private readonly float _thresholdKey;
    private int _count;

    /// <param name="k">Entries kept.</param>
    /// <param name="thresholdKey">Keys below this never enter (−∞ for none).</param>
    /// <param name="order">Breaks ties by id.</param>
    public TopK(int k, float thresholdKey, ISlotOrder order)
    {
        _keys = new float[k];
        _slots = new int[k];
        _thresholdKey = thresholdKey;
        _order = order;
        Bound = thresholdKey;
    }

    public int Count => _count;

    public int Capacity => _keys.Length;

    public float ThresholdKey => _thresholdKey;

    /// <summary>A key below this cannot enter: the threshold until full, then the worst kept key.</summary>
    public float Bound { get; private set; }

    /// <summary>Offers a candidate; returns whether it was kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPush(float key, int slot)
    {
        if (!(key >= Bound))
        {
            return false;
        }

        return _count < _keys.Length ? Insert(key, slot) : ReplaceRoot(key, slot);
    }

    /// <summary>Whether a candidate would be kept, without keeping it.</summary>
    public bool WouldAccept(float key, int slot)
    {
        if (!(key >= Bound))
        {
            return false;
        }

        return _count < _keys.Length || IsWorse(_keys[0], _slots[0], key, slot);
    }

    /// <summary>Offers every entry of <paramref name="other"/>.</summary>
    public void MergeFrom(TopK other)
    {
        for (var i = 0; i < other._count; i++)
        {
            TryPush(other._keys[i], other._slots[i]);
        }
    }

    /// <summary>The entries, best first.</summary>
    public (float Key, int Slot)[] ToSortedArray()
    {
        var result = new (float Key, int Slot)[_count];
        for (var i = 0; i < _count; i++)
        {
            result[i] = (_keys[i], _slots[i]);
        }

        Array.Sort(result, (x, y) => IsWorse(x.Key, x.Slot, y.Key, y.Slot) ? 1 : IsWorse(y.Key, y.Slot, x.Key, x.Slot) ? -1 : 0);
        return result;
    }

    /// <summary>Whether (ka, sa) ranks after (kb, sb).</summary>
    private bool IsWorse(float ka, int sa, float kb, int sb) =>
        ka < kb || (ka == kb && sa != sb && _order.CompareIds(sa, sb) > 0);

    private bool Insert(float key, int slot)
    {
        var i = _count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!IsWorse(key, slot, _keys[parent], _slots[parent]))
            {
                break;
            }

            _keys[i] = _keys[parent];
            _slots[i] = _slots[parent];
            i = parent;
        }

        _keys[i] = key;
        _slots[i] = slot;
        if (_count == _keys.Length)
        {
            Bound = Math.Max(_keys[0], _thresholdKey);
        }

        return true;
    }

    private bool ReplaceRoot(float key, int slot)
    {
        if (!IsWorse(_keys[0], _slots[0], key, slot))
        {
            return false;
        }

        var n = _count;
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && IsWorse(_keys[child + 1], _slots[child + 1], _keys[child], _slots[child]))
            {
                child++;
            }

            if (!IsWorse(_keys[child], _slots[child], key, slot))
            {
                break;
            }

            _keys[i] = _keys[child];
            _slots[i] = _slots[child];
            i = child;
        }

        _keys[i] = key;
        _slots[i] = slot;
        Bound = Math.Max(_keys[0], _thresholdKey);
        return true;
    }
}
