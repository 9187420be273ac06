// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Tests.Fixtures;

/// <summary>
/// The naive search the engine must agree with: score every matching point in double precision, sort
/// by score (then id), take k.
/// </summary>
internal static class ReferenceSearch
{
    public static List<(PointId Id, double Score)> Search(
        IReadOnlyDictionary<PointId, PointStruct> points,
        DistanceMetric metric,
        ReadOnlySpan<float> query,
        int k,
        Filter? filter,
        float? threshold)
    {
        var q = query.ToArray();
        var scored = new List<(PointId Id, double Score)>();
        foreach (var point in points.Values)
        {
            if (filter is not null && !FilterEvaluator.Matches(filter, point.Id, point.Payload))
            {
                continue;
            }

            var score = Score(metric, q, point.Vector.Span);
            if (threshold is { } t && (metric == DistanceMetric.Euclid ? score > t : score < t))
            {
                continue;
            }

            scored.Add((point.Id, score));
        }

        var sign = metric == DistanceMetric.Euclid ? 1 : -1;
        return scored.OrderBy(s => sign * s.Score).ThenBy(s => s.Id).Take(k).ToList();
    }

    public static double Score(DistanceMetric metric, float[] q, ReadOnlySpan<float> v)
    {
        double dot = 0, qq = 0, vv = 0, l2 = 0;
        for (var i = 0; i < q.Length; i++)
        {
            dot += (double)q[i] * v[i];
            qq += (double)q[i] * q[i];
            vv += (double)v[i] * v[i];
            l2 += ((double)q[i] - v[i]) * ((double)q[i] - v[i]);
        }

        return metric switch
        {
            DistanceMetric.Dot => dot,
            DistanceMetric.Cosine => qq > 0 && vv > 0 ? dot / Math.Sqrt(qq * vv) : 0,
            DistanceMetric.Euclid => Math.Sqrt(l2),
        };
    }

    /// <summary>
    /// Asserts the engine's hits agree with the reference up to float rounding: same count, scores equal
    /// within <paramref name="tolerance"/>, and every reference hit clearly better than the last kept
    /// score is present.
    /// </summary>
    public static void AssertAgrees(
        IReadOnlyList<(PointId Id, double Score)> expected, IReadOnlyList<ScoredPoint> actual, double tolerance, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: expected {expected.Count} hits, got {actual.Count}");
        for (var i = 0; i < actual.Count; i++)
        {
            Assert.True(
                Math.Abs(expected[i].Score - actual[i].Score) <= tolerance,
                $"{context}: hit {i} score {actual[i].Score} vs reference {expected[i].Score}");
        }

        if (expected.Count == 0)
        {
            return;
        }

        var ids = actual.Select(h => h.Id).ToHashSet();
        var last = expected[^1].Score;
        foreach (var (id, score) in expected)
        {
            if (Math.Abs(score - last) > tolerance)
            {
                Assert.True(ids.Contains(id), $"{context}: reference hit {id} ({score}) missing");
            }
        }
    }
}
