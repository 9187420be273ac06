// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Tests;

/// <summary>The public API on a real node process over real gRPC.</summary>
public sealed class PointsApiIntegrationTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private NodeProcess Node => fixture.Node;

    [Fact]
    public async Task Collections_Should_CreateListDescribeAndDelete_When_UsedInTurn()
    {
        var name = NodeFixture.UniqueName("crud");
        var created = await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 8, Distance = Distance.Euclid });
        await Node.Points.UpsertAsync(TestData.Upsert(name, TestData.Points(10, 8)));

        var listed = await Node.Collections.ListAsync();
        var info = await Node.Collections.GetAsync(name);
        var deleted = await Node.Collections.DeleteAsync(name);
        var after = await Node.Collections.ListAsync();

        Assert.Equal(8u, created.Dimension);
        Assert.Equal(Distance.Euclid, created.Distance);
        Assert.Contains(listed.Collections, c => c.Name == name);
        Assert.Equal(10ul, info.PointCount);
        Assert.True(info.VectorBytes >= 10 * 8 * sizeof(float));
        Assert.Contains(info.PayloadFields, f => f.Key == "color" && f.Type == PayloadType.Keyword);
        Assert.Equal(10ul, deleted.PointsDeleted);
        Assert.DoesNotContain(after.Collections, c => c.Name == name);
    }

    [Fact]
    public async Task Search_Should_ReturnExactNearestNeighbours_When_ComparedWithBruteForce()
    {
        var name = NodeFixture.UniqueName("knn");
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 16, Distance = Distance.Euclid });
        var points = TestData.Points(2000, 16, seed: 7);
        await Node.Points.UpsertAsync(TestData.Upsert(name, points));
        var query = TestData.Points(1, 16, seed: 99)[0].Vector;

        var response = await Node.Points.SearchAsync(TestData.Search(name, query, k: 10));

        var expected = points
            .Select(p => (Id: p.Id.Num, Distance: Math.Sqrt(p.Vector.Zip(query, (a, b) => (double)(a - b) * (a - b)).Sum())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Id).Take(10).ToList();
        var hits = Assert.Single(response.Results).Points;
        Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Id.Num));
        for (var i = 0; i < hits.Count; i++)
        {
            Assert.Equal(expected[i].Distance, hits[i].Score, 3);
        }
    }

    [Fact]
    public async Task Search_Should_ReturnOnlyMatches_When_FilterCombinesMustShouldAndMustNot()
    {
        var name = NodeFixture.UniqueName("filter");
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 8, Distance = Distance.Cosine });
        await Node.Points.UpsertAsync(TestData.Upsert(name, TestData.Points(1000, 8)));
        var filter = new Filter
        {
            Must = { TestData.IntegerRange("n", gte: 100, lt: 600) },
            Should = { TestData.Keyword("color", "red"), TestData.Keyword("color", "blue") },
            MustNot = { new Condition { Field = new FieldCondition { Key = "even", Match = new Match { Boolean = true } } } },
        };

        var search = await Node.Points.SearchAsync(TestData.Search(name, Enumerable.Repeat(0.5f, 8), k: 1000, filter));
        var count = await Node.Points.CountAsync(new CountPointsRequest { Collection = name, Filter = filter });

        // ids 100..599, odd, id % 5 in {0 (red), 2 (blue)}: 100 of every 1000 ids.
        var expected = Enumerable.Range(100, 500).Where(i => i % 2 == 1 && (i % 5 == 0 || i % 5 == 2)).Select(i => (ulong)i).ToHashSet();
        var hits = Assert.Single(search.Results).Points;
        Assert.Equal(expected.Count, hits.Count);
        Assert.All(hits, h => Assert.Contains(h.Id.Num, expected));
        Assert.Equal((ulong)expected.Count, count.Count);
    }

    [Fact]
    public async Task Search_Should_AnswerEveryQueryInOrder_When_BatchHasSeveralQueries()
    {
        var name = NodeFixture.UniqueName("batch");
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 4, Distance = Distance.Dot });
        var points = TestData.Points(300, 4);
        await Node.Points.UpsertAsync(TestData.Upsert(name, points));
        var request = new SearchPointsRequest { Collection = name, Limit = 1, WithPayload = true, WithVectors = true };
        foreach (var p in points.Take(5))
        {
            request.Queries.Add(new QueryVector { Vector = { p.Vector.Select(x => x * 100) } });
        }

        var response = await Node.Points.SearchAsync(request);

        Assert.Equal(5, response.Results.Count);
        for (var i = 0; i < 5; i++)
        {
            var best = points.MaxBy(p => p.Vector.Zip(request.Queries[i].Vector, (a, b) => a * b).Sum())!;
            var hit = Assert.Single(response.Results[i].Points);
            Assert.Equal(best.Id, hit.Id);
            Assert.Equal(best.Vector, hit.Vector);
            Assert.Equal(best.Payload["color"], hit.Payload["color"]);
        }
    }

    [Fact]
    public async Task GetDeleteAndScroll_Should_SeeTheSameLivePoints_When_IdsMixNumbersAndStrings()
    {
        var name = NodeFixture.UniqueName("scroll");
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 2, Distance = Distance.Euclid });
        var points = TestData.Points(50, 2);
        points.Add(new Point { Id = new PointId { Str = "b" }, Vector = { 1, 1 } });
        points.Add(new Point { Id = new PointId { Str = "a" }, Vector = { 2, 2 } });
        await Node.Points.UpsertAsync(TestData.Upsert(name, points));

        var deleted = await Node.Points.DeleteAsync(new DeletePointsRequest { Collection = name, Ids = new PointIdList { Ids = { new PointId { Num = 3 }, new PointId { Str = "b" }, new PointId { Num = 999 } } } });
        var byFilter = await Node.Points.DeleteAsync(new DeletePointsRequest { Collection = name, Filter = new Filter { Must = { TestData.IntegerRange("n", gte: 40) } } });
        var got = await Node.Points.GetAsync(new GetPointsRequest { Collection = name, Ids = { new PointId { Num = 3 }, new PointId { Num = 4 }, new PointId { Str = "a" } }, WithVectors = true });
        var scrolled = new List<Point>();
        using (var call = Node.Points.Scroll(new ScrollPointsRequest { Collection = name, BatchSize = 7 }))
        {
            while (await call.ResponseStream.MoveNextAsync())
            {
                Assert.True(call.ResponseStream.Current.Points.Count <= 7);
                scrolled.AddRange(call.ResponseStream.Current.Points);
            }
        }

        Assert.Equal(2ul, deleted.Deleted);
        Assert.Equal(10ul, byFilter.Deleted);
        Assert.Equal(["4", "a"], got.Points.Select(p => p.Id.KindCase == PointId.KindOneofCase.Num ? p.Id.Num.ToString(System.Globalization.CultureInfo.InvariantCulture) : p.Id.Str));
        var expectedIds = Enumerable.Range(0, 40).Where(i => i != 3).Select(i => (ulong)i).ToList();
        Assert.Equal(expectedIds, scrolled.Where(p => p.Id.KindCase == PointId.KindOneofCase.Num).Select(p => p.Id.Num));
        Assert.Equal("a", scrolled[^1].Id.Str);
    }

    [Fact]
    public async Task UpsertStream_Should_StoreEveryBatch_When_ClientStreamsThem()
    {
        var name = NodeFixture.UniqueName("stream");
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 8, Distance = Distance.Cosine });
        using var call = Node.Points.UpsertStream();
        for (var b = 0; b < 5; b++)
        {
            await call.RequestStream.WriteAsync(TestData.Upsert(name, TestData.Points(200, 8, seed: b, firstId: (ulong)(b * 200))));
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        var count = await Node.Points.CountAsync(new CountPointsRequest { Collection = name });

        Assert.Equal(1000ul, response.Upserted);
        Assert.Equal(1000ul, count.Count);
    }

    [Fact]
    public async Task Upsert_Should_ReplacePoint_When_IdAlreadyExists()
    {
        var name = NodeFixture.UniqueName("replace");
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 2, Distance = Distance.Euclid });
        await Node.Points.UpsertAsync(TestData.Upsert(name, [new Point { Id = new PointId { Num = 1 }, Vector = { 0, 0 }, Payload = { ["v"] = new Value { IntegerValue = 1 } } }]));
        await Node.Points.UpsertAsync(TestData.Upsert(name, [new Point { Id = new PointId { Num = 1 }, Vector = { 5, 5 }, Payload = { ["v"] = new Value { IntegerValue = 2 } } }]));

        var got = await Node.Points.GetAsync(new GetPointsRequest { Collection = name, Ids = { new PointId { Num = 1 } }, WithVectors = true, WithPayload = true });
        var count = await Node.Points.CountAsync(new CountPointsRequest { Collection = name });

        var point = Assert.Single(got.Points);
        Assert.Equal([5f, 5f], point.Vector);
        Assert.Equal(2, point.Payload["v"].IntegerValue);
        Assert.Equal(1ul, count.Count);
    }
}
