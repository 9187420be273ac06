// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Search;

namespace VectorStudio.Engine.Tests.Search;

public class TopKTests
{
    private sealed class SlotIsId : ISlotOrder
    {
        public int CompareIds(int a, int b) => a.CompareTo(b);
    }

    [Fact]
    public void ToSortedArray_Should_KeepBestK_When_ManyAreOffered()
    {
        var heap = new TopK(3, float.NegativeInfinity, new SlotIsId());
        foreach (var (key, slot) in new[] { (1f, 1), (5f, 2), (3f, 3), (4f, 4), (2f, 5) })
        {
            heap.TryPush(key, slot);
        }

        Assert.Equal([(5f, 2), (4f, 4), (3f, 3)], heap.ToSortedArray());
        Assert.Equal(3f, heap.Bound);
    }

    [Fact]
    public void TryPush_Should_PreferLowerId_When_KeysTie()
    {
        var heap = new TopK(2, float.NegativeInfinity, new SlotIsId());
        heap.TryPush(1f, 9);
        heap.TryPush(1f, 7);
        heap.TryPush(1f, 8);
        heap.TryPush(1f, 3);
        Assert.Equal([(1f, 3), (1f, 7)], heap.ToSortedArray());
    }

    [Fact]
    public void TryPush_Should_RejectKeysBelowThreshold_When_HeapIsNotFull()
    {
        var heap = new TopK(5, 2f, new SlotIsId());
        Assert.False(heap.TryPush(1f, 1));
        Assert.True(heap.TryPush(2f, 2));
        Assert.Equal(1, heap.Count);
    }
}
