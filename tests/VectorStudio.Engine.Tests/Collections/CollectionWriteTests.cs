// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Tests.Fixtures;

namespace VectorStudio.Engine.Tests.Collections;

public class CollectionWriteTests
{
    private static PointStruct Point(ulong id, float[] v, Dictionary<string, PayloadValue>? payload = null) =>
        new(PointId.FromNumber(id), v, payload);

    public static TheoryData<string, PointStruct> BadPoints() => new()
    {
        { "dimension 3; collection 'test' expects 4", Point(9, [1, 2, 3]) },
        { "NaN at position 1", Point(9, [1, float.NaN, 0, 0]) },
        { "Infinity at position 3", Point(9, [1, 0, 0, float.PositiveInfinity]) },
        { "empty string id", new PointStruct(PointId.FromString(""), new float[4]) },
        { "string id of 257 UTF-8 bytes", new PointStruct(PointId.FromString(new string('a', 257)), new float[4]) },
        { "payload of", Point(9, new float[4], new() { ["big"] = PayloadValue.FromString(new string('x', 70_000)) }) },
        { "payload key of 129 characters", Point(9, new float[4], new() { [new string('k', 129)] = PayloadValue.FromBool(true) }) },
        { "'color' holds keyword values", Point(9, new float[4], new() { ["color"] = PayloadValue.FromInteger(1) }) },
        { "mixes keyword and integer", Point(9, new float[4], new() { ["mixed"] = PayloadValue.FromList([PayloadValue.FromString("a"), PayloadValue.FromInteger(1)]) }) },
    };

    [Theory]
    [MemberData(nameof(BadPoints))]
    public void Upsert_Should_StoreNothing_When_AnyPointOfBatchIsInvalid(string message, PointStruct bad)
    {
        using var collection = Samples.Collection(DistanceMetric.Cosine, 4);
        collection.Upsert([Point(1, [1, 0, 0, 0], new() { ["color"] = PayloadValue.FromString("red") })]);
        var before = collection.GetInfo();
        var e = Assert.Throws<EngineException>(() => collection.Upsert([Point(1, [0, 1, 0, 0]), Point(2, [0, 0, 1, 0]), bad]));
        Assert.Equal(EngineErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(1, collection.Count());
        var stored = collection.Get([PointId.FromNumber(1)], withVectors: true, withPayload: true).Single();
        Assert.Equal([1f, 0, 0, 0], stored.Vector!);
        Assert.Equal(before.PayloadFields, collection.GetInfo().PayloadFields);
    }

    [Fact]
    public void Upsert_Should_ThrowInvalidArgument_When_BatchIsEmptyOrTooLarge()
    {
        using var collection = Samples.Collection(DistanceMetric.Dot, 1);
        Assert.Throws<EngineException>(() => collection.Upsert([]));
        var tooMany = Enumerable.Range(0, EngineLimits.MaxBatchPoints + 1).Select(i => Point((ulong)i, [1])).ToArray();
        Assert.Throws<EngineException>(() => collection.Upsert(tooMany));
    }

    [Fact]
    public void Upsert_Should_NormaliseVectors_When_MetricIsCosine()
    {
        using var collection = Samples.Collection(DistanceMetric.Cosine, 2);
        collection.Upsert([Point(1, [3, 4])]);
        Assert.Equal([0.6f, 0.8f], collection.Get([PointId.FromNumber(1)], true, false)[0].Vector!);
        var hit = collection.Search([new float[] { 6, 8 }], 1)[0][0];
        Assert.Equal(1f, hit.Score, 1e-6f);
    }

    [Fact]
    public void Search_Should_NeverReturnDeletedPoints_When_SlotsAreReused()
    {
        var rng = new Random(8);
        using var collection = Samples.Collection(DistanceMetric.Euclid, 6);
        var points = Samples.Points(rng, 500, 6);
        collection.Upsert(points);
        var deleted = new HashSet<PointId>();
        for (var round = 0; round < 5; round++)
        {
            var victims = points.Where(_ => rng.Next(5) == 0).Select(p => p.Id).Where(id => !deleted.Contains(id)).ToArray();
            Assert.Equal(victims.Length, collection.Delete(victims));
            deleted.UnionWith(victims);
            collection.Upsert(Samples.Points(rng, victims.Length, 6, firstId: 10_000 * (round + 1)));
            var hits = collection.Search(Samples.Queries(rng, 5, 6), 10_000);
            Assert.All(hits, list => Assert.DoesNotContain(list, h => deleted.Contains(h.Id)));
            Assert.All(hits, list => Assert.Equal((int)collection.Count(), list.Count));
            Assert.DoesNotContain(collection.Get(victims.Length == 0 ? [PointId.FromNumber(0)] : victims, false, false), p => deleted.Contains(p.Id));
        }
    }

    [Fact]
    public void DeleteByFilter_Should_DeleteMatchesOnly_When_FilterIsGiven()
    {
        var rng = new Random(4);
        using var collection = Samples.Collection(DistanceMetric.Dot, 3);
        collection.Upsert(Samples.Points(rng, 300, 3));
        var red = Filter.WithMust(Condition.MatchKeyword("color", "red"));
        var reds = collection.Count(red);
        Assert.Equal(reds, collection.Delete(red));
        Assert.Equal(0, collection.Count(red));
        Assert.Equal(300 - reds, collection.Count());
        var e = Assert.Throws<EngineException>(() => collection.Delete(Filter.Empty));
        Assert.Equal(EngineErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Upsert_Should_ReplacePayloadAndIndexes_When_IdExists()
    {
        using var collection = Samples.Collection(DistanceMetric.Dot, 1);
        collection.Upsert([Point(1, [1], new() { ["k"] = PayloadValue.FromString("a") })]);
        collection.Upsert([Point(1, [2], new() { ["k"] = PayloadValue.FromString("b") })]);
        Assert.Equal(0, collection.Count(Filter.WithMust(Condition.MatchKeyword("k", "a"))));
        Assert.Equal(1, collection.Count(Filter.WithMust(Condition.MatchKeyword("k", "b"))));
        Assert.Equal(1, collection.Count());
        var info = collection.GetInfo();
        Assert.Equal(1, info.PointCount);
        Assert.True(info.PayloadBytes > 0);
        Assert.Equal(PayloadFieldType.Keyword, Assert.Single(info.PayloadFields).Type);
    }
}
