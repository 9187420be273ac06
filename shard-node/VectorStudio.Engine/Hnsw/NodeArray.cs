// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics;
using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// A growable array of fixed-size rows of unmanaged elements whose rows never move: chunk k holds
/// <c>64·2^k</c> rows, so growth allocates one new chunk and copies nothing. Readers may use rows
/// while a writer grows the array, which lets searches run during concurrent inserts.
/// </summary>
/// <remarks>
/// Chunks are pinned and 64-byte aligned, so a row's address stays valid while the array is
/// referenced. Growth (<see cref="EnsureRows"/>) must be serialised by the caller; rows handed to
/// other threads only after growth returns are always backed by a published chunk.
/// </remarks>
internal sealed unsafe class NodeArray<T>
    where T : unmanaged
{
    private const int FirstShift = 6;
    private const int MaxChunks = 32;

    private readonly T[]?[] _arrays = new T[MaxChunks][];
    private readonly nint[] _chunks = new nint[MaxChunks];
    private int _capacityRows;

    public NodeArray(int stride)
    {
        Stride = stride;
    }

    /// <summary>Elements per row.</summary>
    public int Stride { get; }

    public int CapacityRows => Volatile.Read(ref _capacityRows);

    public long Bytes { get; private set; }

    /// <summary>The first element of a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T* Row(int row)
    {
        var k = BitOperations.Log2((uint)(row >> FirstShift) + 1);
        var start = ((1 << k) - 1) << FirstShift;
        return (T*)_chunks[k] + ((long)(row - start) * Stride);
    }

    /// <summary>Allocates chunks until <paramref name="rows"/> rows exist (new rows are zero).</summary>
    public void EnsureRows(int rows)
    {
        while (_capacityRows < rows)
        {
            var k = BitOperations.Log2((uint)(_capacityRows >> FirstShift) + 1);
            var chunkRows = 1 << (FirstShift + k);
            var array = GC.AllocateArray<T>(checked((chunkRows * Stride) + (64 / sizeof(T)) + 1), pinned: true);
            _arrays[k] = array;
            var start = (nint)Unsafe.AsPointer(ref array[0]);
            Volatile.Write(ref _chunks[k], (start + 63) & ~(nint)63);
            Bytes += (long)array.Length * sizeof(T);
            Volatile.Write(ref _capacityRows, _capacityRows + chunkRows);
        }
    }
}
