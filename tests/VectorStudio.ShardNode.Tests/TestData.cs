// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Tests;

/// <summary>Deterministic points: vector components in [-1, 1), payload color (5 values), n = id, even = id % 2 == 0.</summary>
public static class TestData
{
    public static readonly string[] Colors = ["red", "green", "blue", "black", "white"];

    public static List<Point> Points(int count, int dimension, int seed = 1, ulong firstId = 0)
    {
        var random = new Random(seed);
        var points = new List<Point>(count);
        for (var i = 0; i < count; i++)
        {
            var id = firstId + (ulong)i;
            var point = new Point { Id = new PointId { Num = id } };
            for (var d = 0; d < dimension; d++)
            {
                point.Vector.Add((float)(random.NextDouble() * 2 - 1));
            }

            point.Payload["color"] = new Value { StringValue = Colors[(int)(id % (ulong)Colors.Length)] };
            point.Payload["n"] = new Value { IntegerValue = (long)id };
            point.Payload["even"] = new Value { BoolValue = id % 2 == 0 };
            points.Add(point);
        }

        return points;
    }

    public static UpsertPointsRequest Upsert(string collection, IEnumerable<Point> points) =>
        new() { Collection = collection, Points = { points } };

    public static SearchPointsRequest Search(string collection, IEnumerable<float> query, uint k, Filter? filter = null) =>
        new() { Collection = collection, Queries = { new QueryVector { Vector = { query } } }, Limit = k, Filter = filter };

    public static Condition Keyword(string key, string value) =>
        new() { Field = new FieldCondition { Key = key, Match = new Match { Keyword = value } } };

    public static Condition IntegerRange(string key, double? gte = null, double? lt = null)
    {
        var range = new Contracts.V1.Range();
        if (gte is { } g)
        {
            range.Gte = g;
        }

        if (lt is { } l)
        {
            range.Lt = l;
        }

        return new Condition { Field = new FieldCondition { Key = key, Range = range } };
    }
}
