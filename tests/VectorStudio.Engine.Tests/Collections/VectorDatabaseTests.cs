// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Tests.Collections;

public class VectorDatabaseTests
{
    [Fact]
    public void CreateCollection_Should_FillDefaults_When_IndexOptionsAreUnset()
    {
        using var db = new VectorDatabase();
        var collection = db.CreateCollection(new CollectionConfig("docs", 128, DistanceMetric.Cosine, new IndexOptions { Kind = IndexKind.Hnsw }));
        var info = collection.GetInfo();
        Assert.Equal(IndexKind.Hnsw, info.Config.Index!.Kind);
        Assert.Equal(IndexOptions.DefaultM, info.Config.Index.M);
        Assert.Equal(IndexOptions.DefaultEfConstruct, info.Config.Index.EfConstruct);
        Assert.Equal(IndexOptions.DefaultEf, info.Config.Index.Ef);
        Assert.Equal(IndexOptions.DefaultKind, db.CreateCollection(new CollectionConfig("b", 1, DistanceMetric.Dot)).Config.Index!.Kind);
    }

    [Theory]
    [InlineData("", 4)]
    [InlineData("_lead", 4)]
    [InlineData("has space", 4)]
    [InlineData("ok", 0)]
    [InlineData("ok", 65_537)]
    public void CreateCollection_Should_ThrowInvalidArgument_When_ConfigIsBad(string name, int dimension)
    {
        using var db = new VectorDatabase();
        var e = Assert.Throws<EngineException>(() => db.CreateCollection(new CollectionConfig(name, dimension, DistanceMetric.Dot)));
        Assert.Equal(EngineErrorKind.InvalidArgument, e.Kind);
    }

    [Theory]
    [InlineData(3, 0, 0)]
    [InlineData(0, 5, 0)]
    [InlineData(16, 10, 0)]
    [InlineData(0, 0, 5000)]
    public void CreateCollection_Should_ThrowInvalidArgument_When_HnswOptionsAreOutOfRange(int m, int efConstruct, int ef)
    {
        using var db = new VectorDatabase();
        var options = new IndexOptions { M = m, EfConstruct = efConstruct, Ef = ef };
        Assert.Throws<EngineException>(() => db.CreateCollection(new CollectionConfig("x", 4, DistanceMetric.Dot, options)));
    }

    [Fact]
    public void Collections_Should_BeListedSortedAndDeleted_When_Managed()
    {
        using var db = new VectorDatabase();
        var b = db.CreateCollection(new CollectionConfig("b-2", 2, DistanceMetric.Euclid));
        db.CreateCollection(new CollectionConfig("A_1", 2, DistanceMetric.Dot));
        Assert.Equal(EngineErrorKind.AlreadyExists, Assert.Throws<EngineException>(() => db.CreateCollection(new CollectionConfig("A_1", 2, DistanceMetric.Dot))).Kind);
        b.Upsert([new PointStruct(PointId.FromNumber(1), new float[] { 1, 2 })]);
        Assert.Equal(["A_1", "b-2"], db.ListCollections().Select(i => i.Name));
        Assert.Equal(1, db.DeleteCollection("b-2"));
        Assert.Equal(EngineErrorKind.NotFound, Assert.Throws<EngineException>(() => db.GetCollection("b-2")).Kind);
        Assert.Equal(EngineErrorKind.NotFound, Assert.Throws<EngineException>(() => db.DeleteCollection("b-2")).Kind);
        Assert.Equal(EngineErrorKind.NotFound, Assert.Throws<EngineException>(() => b.Count()).Kind);
        Assert.Same(db.GetCollection("A_1"), db.GetCollection("A_1"));
    }

    [Fact]
    public void Search_Should_ThrowInvalidArgument_When_RequestBreaksLimits()
    {
        using var db = new VectorDatabase();
        var c = db.CreateCollection(new CollectionConfig("docs", 3, DistanceMetric.Dot));
        c.Upsert([new PointStruct(PointId.FromNumber(1), new float[] { 1, 2, 3 })]);
        var q = new ReadOnlyMemory<float>[] { new float[] { 1, 2, 3 } };
        var wrongDim = Assert.Throws<EngineException>(() => c.Search([new float[] { 1, 2 }], 1));
        Assert.Contains("query 0 has dimension 2; collection 'docs' expects 3", wrongDim.Message, StringComparison.Ordinal);
        Assert.Throws<EngineException>(() => c.Search(q, 0));
        Assert.Throws<EngineException>(() => c.Search(q, EngineLimits.MaxLimit + 1));
        Assert.Throws<EngineException>(() => c.Search([], 1));
        Assert.Throws<EngineException>(() => c.Search(q, 1, searchParams: new SearchParams(HnswEf: 5000)));
        Assert.Throws<EngineException>(() => c.Search([new float[] { 1, float.NaN, 3 }], 1));
        Assert.Single(c.Search(q, 5, searchParams: new SearchParams(HnswEf: 10, Exact: true))[0]);
    }

    [Fact]
    public void Search_Should_ApplyScoreThreshold_When_Given()
    {
        using var db = new VectorDatabase();
        var c = db.CreateCollection(new CollectionConfig("l2", 1, DistanceMetric.Euclid));
        c.Upsert(Enumerable.Range(0, 10).Select(i => new PointStruct(PointId.FromNumber((ulong)i), new float[] { i })).ToArray());
        var hits = c.Search([new float[] { 0 }], 10, scoreThreshold: 3f)[0];
        Assert.Equal([0f, 1f, 2f, 3f], hits.Select(h => h.Score));
        Assert.Empty(c.Search([new float[] { 0 }], 10, scoreThreshold: -1f)[0]);
    }
}
