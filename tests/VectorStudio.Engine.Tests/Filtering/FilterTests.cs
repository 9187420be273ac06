// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Tests.Filtering;

public sealed class FilterTests : IDisposable
{
    private readonly Collection _collection = new(new CollectionConfig("filters", 2, DistanceMetric.Dot));

    public FilterTests()
    {
        Add(1, ("city", S("paris")), ("n", I(3)), ("price", D(9.5)), ("ok", B(true)), ("tags", L(S("a"), S("b"))));
        Add(2, ("city", S("rome")), ("n", I(7)), ("price", D(20)), ("ok", B(false)), ("tags", L(S("c"))));
        Add(3, ("city", S("paris")), ("n", I(10)), ("ok", B(false)), ("nums", L(I(1), I(5))));
        Add(4);
        _collection.Upsert([new PointStruct(PointId.FromString("x"), new float[] { 1, 1 }, new Dictionary<string, PayloadValue> { ["city"] = S("oslo") })]);
    }

    public void Dispose() => _collection.Dispose();

    public static TheoryData<string, Filter, string[]> Cases() => new()
    {
        { "keyword", Filter.WithMust(Condition.MatchKeyword("city", "paris")), ["1", "3"] },
        { "integer", Filter.WithMust(Condition.MatchInteger("n", 7)), ["2"] },
        { "bool", Filter.WithMust(Condition.MatchBool("ok", false)), ["2", "3"] },
        { "any keyword", Filter.WithMust(Condition.AnyKeyword("city", ["rome", "oslo"])), ["2", "\"x\""] },
        { "any integer", Filter.WithMust(Condition.AnyInteger("n", [3, 10, 99])), ["1", "3"] },
        { "range gte lt", Filter.WithMust(Condition.InRange("n", new RangeBounds(Gte: 3, Lt: 10))), ["1", "2"] },
        { "range gt lte double", Filter.WithMust(Condition.InRange("price", new RangeBounds(Gt: 9.5, Lte: 20))), ["2"] },
        { "list any element", Filter.WithMust(Condition.MatchKeyword("tags", "b")), ["1"] },
        { "list integer range", Filter.WithMust(Condition.InRange("nums", new RangeBounds(Gt: 4))), ["3"] },
        { "missing field fails must", Filter.WithMust(Condition.MatchBool("ok", true)), ["1"] },
        { "missing field passes must_not", Filter.WithMustNot(Condition.MatchKeyword("city", "paris")), ["2", "4", "\"x\""] },
        { "should any", Filter.WithShould(Condition.MatchInteger("n", 3), Condition.MatchKeyword("city", "rome")), ["1", "2"] },
        { "has id", Filter.WithMust(Condition.HasId([PointId.FromNumber(4), PointId.FromString("x"), PointId.FromNumber(99)])), ["4", "\"x\""] },
        {
            "nested",
            new Filter(
                must: [Condition.MatchKeyword("city", "paris")],
                mustNot: [Condition.Nested(Filter.WithShould(Condition.MatchInteger("n", 10), Condition.MatchBool("ok", true)))]),
            []
        },
        {
            "nested should inside must",
            Filter.WithMust(Condition.Nested(Filter.WithShould(Condition.MatchInteger("n", 10), Condition.MatchKeyword("tags", "c")))),
            ["2", "3"]
        },
        { "unknown field", Filter.WithMust(Condition.MatchKeyword("nope", "x")), [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Count_Should_MatchExpectedPoints_When_FilterApplies(string name, Filter filter, string[] expected)
    {
        var page = _collection.Scroll(filter, null, 100, false, false);
        Assert.True(expected.SequenceEqual(page.Points.Select(p => p.Id.ToString())), $"{name}: got {string.Join(",", page.Points.Select(p => p.Id))}");
        Assert.Equal(expected.Length, _collection.Count(filter));
        var hits = _collection.Search([new float[] { 1, 0 }], 10, filter);
        Assert.Equal(expected.Order(StringComparer.Ordinal), hits[0].Select(h => h.Id.ToString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("city", ConditionKind.MatchInteger, "keyword")]
    [InlineData("n", ConditionKind.MatchKeyword, "integer")]
    [InlineData("ok", ConditionKind.Range, "bool")]
    [InlineData("price", ConditionKind.MatchInteger, "double")]
    [InlineData("city", ConditionKind.AnyInteger, "keyword")]
    public void Search_Should_ThrowInvalidArgument_When_MatchKindMismatchesFieldType(string key, ConditionKind kind, string type)
    {
        var condition = kind switch
        {
            ConditionKind.MatchInteger => Condition.MatchInteger(key, 1),
            ConditionKind.MatchKeyword => Condition.MatchKeyword(key, "a"),
            ConditionKind.Range => Condition.InRange(key, new RangeBounds(Gt: 1)),
            ConditionKind.AnyInteger => Condition.AnyInteger(key, [1]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var e = Assert.Throws<EngineException>(() => _collection.Search([new float[] { 1, 0 }], 1, Filter.WithMust(condition)));
        Assert.Equal(EngineErrorKind.InvalidArgument, e.Kind);
        Assert.Contains($"'{key}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(type, e.Message, StringComparison.Ordinal);
        Assert.Throws<EngineException>(() => _collection.Count(Filter.WithMust(Condition.Nested(Filter.WithMust(condition)))));
    }

    [Fact]
    public void Count_Should_ThrowInvalidArgument_When_RangeHasNoBound()
    {
        var e = Assert.Throws<EngineException>(() => _collection.Count(Filter.WithMust(Condition.InRange("n", default))));
        Assert.Equal(EngineErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Upsert_Should_ThrowInvalidArgument_When_ValueTypeMismatchesField()
    {
        var e = Assert.Throws<EngineException>(() => Add(9, ("n", S("seven"))));
        Assert.Contains("'n'", e.Message, StringComparison.Ordinal);
        Assert.Equal(5, _collection.Count());
        Add(10, ("price", I(4)));
        Assert.Equal(1, _collection.Count(Filter.WithMust(Condition.InRange("price", new RangeBounds(Lt: 5)))));
    }

    private void Add(ulong id, params (string Key, PayloadValue Value)[] fields) =>
        _collection.Upsert([new PointStruct(PointId.FromNumber(id), new float[] { id, 0 }, fields.ToDictionary(f => f.Key, f => f.Value))]);

    private static PayloadValue S(string v) => PayloadValue.FromString(v);

    private static PayloadValue I(long v) => PayloadValue.FromInteger(v);

    private static PayloadValue D(double v) => PayloadValue.FromDouble(v);

    private static PayloadValue B(bool v) => PayloadValue.FromBool(v);

    private static PayloadValue L(params PayloadValue[] v) => PayloadValue.FromList(v);
}
