// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics;
using System.Runtime.CompilerServices;
using VectorStudio.Engine.Distance;

namespace VectorStudio.Engine.Storage;

/// <summary>
/// Vectors in chunks of panel-major floats (see <see cref="IPanelStorageReader"/>): the store of flat collections.
/// </summary>
/// <remarks>
/// A chunk holds at most 64 MiB of floats and at most 65,536 slots. Growth allocates a new chunk; only
/// the last chunk grows by doubling (from 64 slots) until it is full, so a small collection stays small
/// and a large one never copies more than one chunk. Chunk arrays live on the pinned object heap, so
/// their aligned addresses stay valid for the storage's lifetime.
/// </remarks>
internal sealed unsafe class PanelVectorStorage : IPanelStorageReader, IVectorStorage
{
    /// <summary>Vectors per panel: one 512-bit register of floats.</summary>
    public const int PanelWidth = 16;

    private const int MinChunkSlots = 64;
    private const int MaxChunkFloats = 1 << 24;
    private const int MaxChunkShift = 16;

    private readonly int _dimension;
    private readonly int _chunkShift;
    private Chunk[] _chunks = [];
    private int _slotCount;
    private long _allocatedBytes;

    public PanelVectorStorage(int dimension)
    {
        _dimension = dimension;
        var slots = Math.Max(MinChunkSlots, MaxChunkFloats / dimension);
        _chunkShift = Math.Min(MaxChunkShift, BitOperations.Log2((uint)slots));
    }

    public int Dimension => _dimension;

    public int SlotCount => _slotCount;

    public int LiveCount { get; private set; }

    public int ChunkShift => _chunkShift;

    public SlotBitset Live { get; } = new();

    public long AllocatedBytes => _allocatedBytes + (Live.Capacity / 8);

    public float* Panels(int chunk) => _chunks[chunk].Data;

    public float* Norms(int chunk) => _chunks[chunk].NormData;

    /// <summary>The float offset of a slot's element 0 inside its chunk; element j is 16·j further.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ElementOffset(int localSlot, int dimension) =>
        ((long)(localSlot >> 4) * dimension * PanelWidth) + (localSlot & (PanelWidth - 1));

    public void CopyVector(int slot, Span<float> destination)
    {
        var chunk = _chunks[slot >> _chunkShift];
        var local = slot & ((1 << _chunkShift) - 1);
        var p = chunk.Data + ElementOffset(local, _dimension);
        for (var j = 0; j < _dimension; j++)
        {
            destination[j] = p[j * PanelWidth];
        }
    }

    public void Write(int slot, ReadOnlySpan<float> vector)
    {
        EnsureSlots(slot + 1);
        var chunk = _chunks[slot >> _chunkShift];
        var local = slot & ((1 << _chunkShift) - 1);
        var p = chunk.Data + ElementOffset(local, _dimension);
        for (var j = 0; j < vector.Length; j++)
        {
            p[j * PanelWidth] = vector[j];
        }

        chunk.NormData[local] = DistanceKernels.Dot(vector, vector);
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

    private void EnsureSlots(int slots)
    {
        if (slots <= _slotCount)
        {
            return;
        }

        var perChunk = 1 << _chunkShift;
        var lastChunk = (slots - 1) >> _chunkShift;
        if (lastChunk >= _chunks.Length)
        {
            var grown = new Chunk[lastChunk + 1];
            _chunks.CopyTo(grown, 0);
            for (var c = _chunks.Length; c <= lastChunk; c++)
            {
                // Chunks before the last are full-sized from the start.
                grown[c] = Allocate(c < lastChunk ? perChunk : MinChunkSlots, null);
            }

            _chunks = grown;
        }

        for (var c = 0; c <= lastChunk; c++)
        {
            var needed = c < lastChunk ? perChunk : slots - (c << _chunkShift);
            if (_chunks[c].Slots < needed)
            {
                var capacity = _chunks[c].Slots;
                while (capacity < needed)
                {
                    capacity = Math.Min(perChunk, capacity * 2);
                }

                _chunks[c] = Allocate(capacity, _chunks[c]);
            }
        }

        _slotCount = slots;
        Live.EnsureCapacity(slots);
    }

    private Chunk Allocate(int slots, Chunk? copyFrom)
    {
        var chunk = new Chunk(slots, _dimension);
        if (copyFrom is not null)
        {
            var floats = (long)copyFrom.Slots * _dimension;
            Buffer.MemoryCopy(copyFrom.Data, chunk.Data, floats * sizeof(float), floats * sizeof(float));
            Buffer.MemoryCopy(copyFrom.NormData, chunk.NormData, slots * sizeof(float), copyFrom.Slots * sizeof(float));
            _allocatedBytes -= copyFrom.Bytes;
        }

        _allocatedBytes += chunk.Bytes;
        return chunk;
    }

    /// <summary>One chunk: pinned arrays and their 64-byte-aligned starting addresses.</summary>
    private sealed class Chunk
    {
        private const int AlignFloats = 16;

        // The arrays are kept referenced so the pinned memory behind the pointers stays alive.
        private readonly float[] _data;
        private readonly float[] _norms;

        public Chunk(int slots, int dimension)
        {
            Slots = slots;
            _data = GC.AllocateArray<float>(checked((slots * dimension) + AlignFloats), pinned: true);
            _norms = GC.AllocateArray<float>(slots + AlignFloats, pinned: true);
            Data = Align((float*)Unsafe.AsPointer(ref _data[0]));
            NormData = Align((float*)Unsafe.AsPointer(ref _norms[0]));
        }

        public int Slots { get; }

        public float* Data { get; }

        public float* NormData { get; }

        public long Bytes => ((long)_data.Length + _norms.Length) * sizeof(float);

        private static float* Align(float* p) => (float*)(((nuint)p + 63) & ~(nuint)63);
    }
}
