// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics;
using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Storage;

/// <summary>
/// Vectors row-major, one contiguous row per slot (see <see cref="IRowStorageReader"/>): the one float
/// copy of an HNSW collection, read by graph traversal, int8 re-scoring, and exact scans alike.
/// </summary>
/// <remarks>
/// <para>Rows live in fixed-size chunks of about <see cref="ChunkBytes"/> (at least 64 rows) on the pinned
/// object heap. Growth appends a chunk and publishes a longer chunk table; no row ever moves, so a
/// graph can link nodes (reading rows without the collection lock) while an upsert grows the store.
/// Capacity beyond the slots in use is at most one chunk.</para>
/// <para>Concurrency: writes happen under the collection's write lock. A reader without the lock (graph
/// linking) may see a row being rewritten by an upsert of the same slot; that node is then stale (its
/// slot version moved) and a torn read only perturbs which links it gets, never memory safety.</para>
/// </remarks>
internal sealed unsafe class RowVectorStorage : IRowStorageReader, IVectorStorage
{
    /// <summary>Target bytes per chunk: large enough to keep the chunk table short, small enough to waste little.</summary>
    public const int ChunkBytes = 256 << 10;

    private const int MinChunkRows = 64;

    private readonly int _dimension;
    private readonly int _chunkShift;
    private readonly int _rowMask;
    private readonly List<float[]> _arrays = [];
    private nint[] _chunks = [];
    private int _capacity;

    public RowVectorStorage(int dimension)
    {
        _dimension = dimension;
        var rows = Math.Max(MinChunkRows, ChunkBytes / (dimension * sizeof(float)));
        _chunkShift = BitOperations.Log2((uint)rows);
        _rowMask = (1 << _chunkShift) - 1;
    }

    public int Dimension => _dimension;

    public int SlotCount { get; private set; }

    public int LiveCount { get; private set; }

    public SlotBitset Live { get; } = new();

    /// <summary>Rows allocated (a multiple of the chunk size).</summary>
    public int Capacity => Volatile.Read(ref _capacity);

    public long AllocatedBytes => (long)_capacity * _dimension * sizeof(float) + (_arrays.Count * 64L)
        + ((long)_chunks.Length * IntPtr.Size) + (Live.Capacity / 8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* Row(int slot) => (float*)_chunks[slot >> _chunkShift] + ((long)(slot & _rowMask) * _dimension);

    public ReadOnlySpan<float> Vector(int slot) => new(Row(slot), _dimension);

    public void CopyVector(int slot, Span<float> destination) => Vector(slot).CopyTo(destination);

    public void Write(int slot, ReadOnlySpan<float> vector)
    {
        Reserve(slot + 1);
        SlotCount = Math.Max(SlotCount, slot + 1);
        Live.EnsureCapacity(SlotCount);
        vector.CopyTo(new Span<float>(Row(slot), _dimension));
    }

    public void SetLive(int slot, bool live)
    {
        var was = Live.Contains(slot);
        if (live && !was)
        {
            Live.Add(slot);
            LiveCount++;
        }
        else if (!live && was)
        {
            Live.Remove(slot);
            LiveCount--;
        }
    }

    /// <summary>Allocates chunks until <paramref name="slots"/> rows exist (new rows are zero).</summary>
    public void Reserve(int slots)
    {
        if (slots <= _capacity)
        {
            return;
        }

        var chunkRows = 1 << _chunkShift;
        var chunks = _chunks;
        var needed = (int)(((long)slots + chunkRows - 1) >> _chunkShift);
        var grown = new nint[needed];
        chunks.CopyTo(grown, 0);
        for (var c = chunks.Length; c < needed; c++)
        {
            // 64 spare bytes let the row block start on a cache line.
            var array = GC.AllocateArray<float>(checked((chunkRows * _dimension) + 16), pinned: true);
            _arrays.Add(array);
            grown[c] = ((nint)Unsafe.AsPointer(ref array[0]) + 63) & ~(nint)63;
        }

        // Publish the table before the capacity: a reader that sees a slot below the capacity finds its chunk.
        Volatile.Write(ref _chunks, grown);
        Volatile.Write(ref _capacity, needed << _chunkShift);
    }
}
