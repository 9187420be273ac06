// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Tests.Storage;

/// <summary>The row-major store of HNSW collections: contents, stable addresses, capacity and liveness.</summary>
public class RowVectorStorageTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(768)]
    public unsafe void Write_Should_KeepEveryRowInPlace_When_StoreGrowsOverManyChunks(int dimension)
    {
        var store = new RowVectorStorage(dimension);
        var rng = new Random(dimension);
        var rows = Enumerable.Range(0, 3_000)
            .Select(_ => Enumerable.Range(0, dimension).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
        store.Write(0, rows[0]);
        var first = (nint)store.Row(0);
        for (var slot = 1; slot < rows.Length; slot++)
        {
            store.Write(slot, rows[slot]);
        }

        // Graph linking reads rows without the collection lock while upserts grow the store, so a
        // row written early must still be at the address it had before the growth.
        Assert.Equal(first, (nint)store.Row(0));
        Assert.Equal(rows.Length, store.SlotCount);
        var copy = new float[dimension];
        for (var slot = 0; slot < rows.Length; slot++)
        {
            Assert.Equal(rows[slot], store.Vector(slot).ToArray());
            store.CopyVector(slot, copy);
            Assert.Equal(rows[slot], copy);
        }
    }

    [Theory]
    [InlineData(128, 100_000)]
    [InlineData(768, 10_000)]
    public void AllocatedBytes_Should_ExceedVectorsByAtMostOneChunk_When_Filled(int dimension, int count)
    {
        var store = new RowVectorStorage(dimension);
        var vector = new float[dimension];
        for (var slot = 0; slot < count; slot++)
        {
            store.Write(slot, vector);
        }

        // Fixed-size chunks: the capacity beyond the slots written is less than one chunk, plus the
        // chunk table, the live bitset and alignment (a few bytes per chunk).
        var exact = (long)count * dimension * sizeof(float);
        var chunkBytes = Math.Max(64L * dimension * sizeof(float), RowVectorStorage.ChunkBytes);
        Assert.InRange(store.AllocatedBytes, exact, exact + chunkBytes + (count / 8) + (count * 2L));
        Assert.InRange(store.Capacity - count, 0, (int)(chunkBytes / (dimension * sizeof(float))));
    }

    [Fact]
    public unsafe void Reserve_Should_GiveZeroRows_When_SlotsAreNeverWritten()
    {
        var store = new RowVectorStorage(16);
        store.Reserve(5_000);
        Assert.True(store.Capacity >= 5_000);
        Assert.Equal(0, store.SlotCount);
        Assert.All(store.Vector(4_999).ToArray(), x => Assert.Equal(0f, x));
    }

    [Fact]
    public void SetLive_Should_CountEachSlotOnce_When_MarkedRepeatedly()
    {
        var store = new RowVectorStorage(4);
        store.Write(3, [1, 2, 3, 4]);
        store.Write(9, [5, 6, 7, 8]);
        store.SetLive(3, true);
        store.SetLive(3, true);
        store.SetLive(9, true);
        store.SetLive(9, false);
        store.SetLive(9, false);
        Assert.Equal(1, store.LiveCount);
        Assert.True(store.Live.Contains(3));
        Assert.False(store.Live.Contains(9));
        Assert.Equal(10, store.SlotCount);
    }
}
