// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Search;

namespace VectorStudio.Engine.Storage;

/// <summary>
/// Point ids ↔ slots, and each slot's payload. Deleted slots go to a free list and are reused by the
/// next new point, so a collection with churn does not grow. Also keeps the id-ordered slot list that
/// scroll walks, rebuilt lazily after the set of ids changes.
/// </summary>
/// <remarks>Mutations happen under the collection's write lock; reads under its read lock.</remarks>
internal sealed class PointTable : ISlotOrder
{
    private readonly Dictionary<ulong, int> _numeric = [];
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly Stack<int> _free = new();
    private readonly object _sortedGate = new();
    private PointId[] _ids = new PointId[64];
    private IReadOnlyDictionary<string, PayloadValue>?[] _payloads = new IReadOnlyDictionary<string, PayloadValue>?[64];
    private int[] _payloadBytes = new int[64];
    private int _slotCount;
    private long _version;
    private SortedSlots _sorted = new(-1, []);

    /// <summary>Live points.</summary>
    public int Count => _numeric.Count + _strings.Count;

    /// <summary>Encoded bytes of all live payloads.</summary>
    public long PayloadBytes { get; private set; }

    /// <summary>Slots that a new point would take without growing past the current high-water mark.</summary>
    public int FreeSlots => _free.Count;

    public bool TryGetSlot(PointId id, out int slot) =>
        id.IsNumber ? _numeric.TryGetValue(id.Number, out slot) : _strings.TryGetValue(id.Text!, out slot);

    public PointId Id(int slot) => _ids[slot];

    public IReadOnlyDictionary<string, PayloadValue>? Payload(int slot) => _payloads[slot];

    public int CompareIds(int a, int b) => _ids[a].CompareTo(_ids[b]);

    /// <summary>Slots ever used: the high-water mark, live and free ones together.</summary>
    public int SlotCount => _slotCount;

    /// <summary>Takes the next never-used slot for no point (a snapshot's hole); <see cref="Release"/> frees it.</summary>
    public int SkipSlot()
    {
        if (_free.Count > 0)
        {
            throw new InvalidOperationException("a slot is skipped only while no slot is free (snapshot restore)");
        }

        return _slotCount++;
    }

    /// <summary>Frees a skipped slot for reuse.</summary>
    public void Release(int slot) => _free.Push(slot);

    /// <summary>Takes a slot for a new id (a freed one first).</summary>
    public int Add(PointId id)
    {
        var slot = _free.Count > 0 ? _free.Pop() : _slotCount++;
        if (slot >= _ids.Length)
        {
            var size = Math.Max(slot + 1, _ids.Length * 2);
            Array.Resize(ref _ids, size);
            Array.Resize(ref _payloads, size);
            Array.Resize(ref _payloadBytes, size);
        }

        _ids[slot] = id;
        if (id.IsNumber)
        {
            _numeric.Add(id.Number, slot);
        }
        else
        {
            _strings.Add(id.Text!, slot);
        }

        _version++;
        return slot;
    }

    public void SetPayload(int slot, IReadOnlyDictionary<string, PayloadValue>? payload, int bytes)
    {
        PayloadBytes += bytes - _payloadBytes[slot];
        _payloads[slot] = payload;
        _payloadBytes[slot] = bytes;
    }

    /// <summary>Forgets a point and frees its slot.</summary>
    public void Remove(int slot)
    {
        var id = _ids[slot];
        if (id.IsNumber)
        {
            _numeric.Remove(id.Number);
        }
        else
        {
            _strings.Remove(id.Text!);
        }

        SetPayload(slot, null, 0);
        _ids[slot] = default;
        _free.Push(slot);
        _version++;
    }

    /// <summary>Live slots in id order. Safe to call from concurrent readers.</summary>
    public int[] SlotsInIdOrder(SlotBitset live)
    {
        var sorted = Volatile.Read(ref _sorted);
        if (sorted.Version == _version)
        {
            return sorted.Slots;
        }

        lock (_sortedGate)
        {
            if (_sorted.Version != _version)
            {
                var slots = live.Enumerate().ToArray();
                Array.Sort(slots, CompareIds);
                Volatile.Write(ref _sorted, new SortedSlots(_version, slots));
            }

            return _sorted.Slots;
        }
    }

    private sealed record SortedSlots(long Version, int[] Slots);
}
