// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Client;

namespace VectorStudio.ShardNode.Tests;

/// <summary>
/// Every kind of bad input gets the right status and a message that names the problem, and
/// leaves what is stored untouched: each test stores 100 points first and checks them after.
/// </summary>
public sealed class BadInputIntegrationTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const int Dimension = 8;
    private const int Stored = 100;

    private NodeProcess Node => fixture.Node;

    [Fact]
    public async Task Upsert_Should_FailInvalidArgument_When_DimensionIsWrong()
    {
        var name = await SeededCollectionAsync();
        var points = TestData.Points(3, Dimension, firstId: 1000);
        points[1].Vector.Add(1f);

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(TestData.Upsert(name, points)));

        AssertStatus(e, StatusCode.InvalidArgument, "dimension 9", "expects 8");
        await AssertIntactAsync(name);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public async Task Upsert_Should_FailInvalidArgument_When_ComponentIsNotFinite(float bad)
    {
        var name = await SeededCollectionAsync();
        var points = TestData.Points(2, Dimension, firstId: 1000);
        points[1].Vector[3] = bad;

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(TestData.Upsert(name, points)));

        AssertStatus(e, StatusCode.InvalidArgument, "vector 1", "position 3");
        await AssertIntactAsync(name);
    }

    [Fact]
    public async Task Search_Should_FailInvalidArgument_When_QueryHasNaN()
    {
        var name = await SeededCollectionAsync();
        var query = Enumerable.Repeat(0f, Dimension).ToArray();
        query[0] = float.NaN;

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Points.SearchAsync(TestData.Search(name, query, 5)));

        AssertStatus(e, StatusCode.InvalidArgument, "query 0");
    }

    [Fact]
    public async Task Upsert_Should_FailInvalidArgument_When_BatchIsEmptyOrOversized()
    {
        var name = await SeededCollectionAsync();

        var empty = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(TestData.Upsert(name, [])));
        var oversized = await Assert.ThrowsAsync<RpcException>(
            () => Node.Points.UpsertAsync(TestData.Upsert(name, TestData.Points(10_001, Dimension, firstId: 1000))));

        AssertStatus(empty, StatusCode.InvalidArgument, "0 points", "accepted: 1..");
        AssertStatus(oversized, StatusCode.InvalidArgument, "10001 points", "accepted: 1..");
        await AssertIntactAsync(name);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(10_001u)]
    public async Task Search_Should_FailInvalidArgument_When_LimitIsOutOfRange(uint k)
    {
        var name = await SeededCollectionAsync();

        var e = await Assert.ThrowsAsync<RpcException>(
            () => Node.Points.SearchAsync(TestData.Search(name, Enumerable.Repeat(0.1f, Dimension), k)));

        AssertStatus(e, StatusCode.InvalidArgument, "10000");
    }

    [Fact]
    public async Task Calls_Should_FailNotFound_When_CollectionIsUnknown()
    {
        var missing = NodeFixture.UniqueName("missing");

        var get = await Assert.ThrowsAsync<RpcException>(() => Node.Collections.GetAsync(missing));
        var upsert = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(TestData.Upsert(missing, TestData.Points(1, 2))));
        var search = await Assert.ThrowsAsync<RpcException>(() => Node.Points.SearchAsync(TestData.Search(missing, [1f, 2f], 1)));
        var delete = await Assert.ThrowsAsync<RpcException>(() => Node.Collections.DeleteAsync(missing));

        foreach (var e in new[] { get, upsert, search, delete })
        {
            AssertStatus(e, StatusCode.NotFound, missing);
        }
    }

    [Fact]
    public async Task Create_Should_FailAlreadyExists_When_NameIsTaken()
    {
        var name = await SeededCollectionAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Collections.CreateAsync(
            new CreateCollectionRequest { Name = name, Dimension = 4, Distance = Distance.Dot }));

        AssertStatus(e, StatusCode.AlreadyExists, name);
        var info = await Node.Collections.GetAsync(name);
        Assert.Equal((uint)Dimension, info.Dimension);
        await AssertIntactAsync(name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("slash/name")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task Create_Should_FailInvalidArgument_When_NameIsInvalid(string name)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Collections.CreateAsync(
            new CreateCollectionRequest { Name = name, Dimension = 4, Distance = Distance.Dot }));

        AssertStatus(e, StatusCode.InvalidArgument, "name");
        var list = await Node.Collections.ListAsync();
        Assert.DoesNotContain(list.Collections, c => c.Name == name);
    }

    [Theory]
    [InlineData(0u, Distance.Cosine, "dimension")]
    [InlineData(65_537u, Distance.Cosine, "dimension")]
    [InlineData(4u, Distance.Unspecified, "distance is required")]
    public async Task Create_Should_FailInvalidArgument_When_SettingsAreInvalid(uint dimension, Distance distance, string expected)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Collections.CreateAsync(
            new CreateCollectionRequest { Name = NodeFixture.UniqueName("bad"), Dimension = dimension, Distance = distance }));

        AssertStatus(e, StatusCode.InvalidArgument, expected);
    }

    [Fact]
    public async Task Search_Should_FailInvalidArgument_When_FilterTypeDoesNotMatchField()
    {
        var name = await SeededCollectionAsync();
        var filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "color", Match = new Match { Integer = 3 } } } } };

        var e = await Assert.ThrowsAsync<RpcException>(
            () => Node.Points.SearchAsync(TestData.Search(name, Enumerable.Repeat(0.1f, Dimension), 5, filter)));

        AssertStatus(e, StatusCode.InvalidArgument, "color");
    }

    [Fact]
    public async Task Search_Should_FailInvalidArgument_When_FilterConditionIsIncomplete()
    {
        var name = await SeededCollectionAsync();
        var filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "n", Range = new Contracts.V1.Range() } } } };

        var e = await Assert.ThrowsAsync<RpcException>(
            () => Node.Points.SearchAsync(TestData.Search(name, Enumerable.Repeat(0.1f, Dimension), 5, filter)));

        AssertStatus(e, StatusCode.InvalidArgument, "filter.must[0].field.range sets no bound");
    }

    [Fact]
    public async Task Upsert_Should_FailInvalidArgument_When_PayloadIsTooLarge()
    {
        var name = await SeededCollectionAsync();
        var points = TestData.Points(1, Dimension, firstId: 1000);
        points[0].Payload["blob"] = new Value { StringValue = new string('x', 70 * 1024) };

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(TestData.Upsert(name, points)));

        AssertStatus(e, StatusCode.InvalidArgument, "payload");
        await AssertIntactAsync(name);
    }

    [Fact]
    public async Task Upsert_Should_FailInvalidArgument_When_PointHasNoId()
    {
        var name = await SeededCollectionAsync();
        var points = TestData.Points(2, Dimension, firstId: 1000);
        points[1].Id = null;

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(TestData.Upsert(name, points)));

        AssertStatus(e, StatusCode.InvalidArgument, "point 1 has no id");
        await AssertIntactAsync(name);
    }

    [Fact]
    public async Task Delete_Should_FailInvalidArgument_When_FilterIsEmpty()
    {
        var name = await SeededCollectionAsync();

        var e = await Assert.ThrowsAsync<RpcException>(
            () => Node.Points.DeleteAsync(new DeletePointsRequest { Collection = name, Filter = new Filter() }));

        AssertStatus(e, StatusCode.InvalidArgument, "non-empty filter");
        await AssertIntactAsync(name);
    }

    [Fact]
    public async Task Upsert_Should_FailDeadlineExceededAndStoreNothing_When_DeadlineHasExpired()
    {
        var name = await SeededCollectionAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(
            TestData.Upsert(name, TestData.Points(10, Dimension, firstId: 1000)),
            new CallOptions(Timeout: TimeSpan.Zero)));

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        await AssertIntactAsync(name);
    }

    private static void AssertStatus(RpcException e, StatusCode code, params string[] fragments)
    {
        Assert.Equal(code, e.StatusCode);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, e.Status.Detail, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<string> SeededCollectionAsync()
    {
        var name = NodeFixture.UniqueName("bad");
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = Dimension, Distance = Distance.Cosine });
        await Node.Points.UpsertAsync(TestData.Upsert(name, TestData.Points(Stored, Dimension)));
        return name;
    }

    private async Task AssertIntactAsync(string name)
    {
        var count = await Node.Points.CountAsync(new CountPointsRequest { Collection = name });
        Assert.Equal((ulong)Stored, count.Count);
        var expected = TestData.Points(Stored, Dimension);
        var got = await Node.Points.GetAsync(new GetPointsRequest { Collection = name, Ids = { expected.Select(p => p.Id) }, WithPayload = true });
        Assert.Equal(Stored, got.Points.Count);
        Assert.All(got.Points, p => Assert.Equal(expected[(int)p.Id.Num].Payload["color"], p.Payload["color"]));
    }
}
