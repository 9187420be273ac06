// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Tests.Fixtures;

/// <summary>Seeded random vectors, payloads and collections.</summary>
internal static class Samples
{
    public static readonly string[] Colors = ["red", "green", "blue", "black"];

    public static float[] Vector(Random rng, int dimension)
    {
        var v = new float[dimension];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return v;
    }

    /// <summary>A payload with some fields missing: color (keyword), n (integer), price (double), flag (bool), tags (list).</summary>
    public static Dictionary<string, PayloadValue> Payload(Random rng)
    {
        var payload = new Dictionary<string, PayloadValue>();
        if (rng.Next(5) > 0)
        {
            payload["color"] = PayloadValue.FromString(Colors[rng.Next(Colors.Length)]);
        }

        if (rng.Next(5) > 0)
        {
            payload["n"] = PayloadValue.FromInteger(rng.Next(10));
        }

        if (rng.Next(3) > 0)
        {
            payload["price"] = PayloadValue.FromDouble(Math.Round(rng.NextDouble() * 100, 1));
        }

        if (rng.Next(4) > 0)
        {
            payload["flag"] = PayloadValue.FromBool(rng.Next(2) == 0);
        }

        if (rng.Next(2) > 0)
        {
            payload["tags"] = PayloadValue.FromList(
                Enumerable.Range(0, rng.Next(4)).Select(_ => PayloadValue.FromString(Colors[rng.Next(Colors.Length)])));
        }

        return payload;
    }

    /// <summary>Numeric ids 0..count-1 with every seventh point given a string id instead.</summary>
    public static PointId Id(int i) => i % 7 == 3 ? PointId.FromString($"s{i}") : PointId.FromNumber((ulong)i);

    public static List<PointStruct> Points(Random rng, int count, int dimension, int firstId = 0) =>
        Enumerable.Range(firstId, count).Select(i => new PointStruct(Id(i), Vector(rng, dimension), Payload(rng))).ToList();

    public static Collection Collection(DistanceMetric metric, int dimension, EngineOptions? options = null, string name = "test") =>
        new(new CollectionConfig(name, dimension, metric), options);

    public static ReadOnlyMemory<float>[] Queries(Random rng, int count, int dimension) =>
        Enumerable.Range(0, count).Select(_ => (ReadOnlyMemory<float>)Vector(rng, dimension)).ToArray();
}
