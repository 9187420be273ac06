// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>One fixed batch and PyTorch's outputs for it (<see cref="Edges"/>: make_model.py's FusionEdges model).</summary>
public sealed record ExpectedBatch(
    int Batch, int Sequence, long[] InputIds, long[] AttentionMask, float[][] Pooled, float[][] MeanNormalized, float[][] Cls, float[][] Edges)
{
    public static ExpectedBatch From(JsonElement e)
    {
        var ids = Rows<long>(e.GetProperty("inputIds"));
        return new ExpectedBatch(
            ids.Length,
            ids[0].Length,
            ids.SelectMany(r => r).ToArray(),
            Rows<long>(e.GetProperty("attentionMask")).SelectMany(r => r).ToArray(),
            Rows<float>(e.GetProperty("pooled")),
            Rows<float>(e.GetProperty("meanNormalized")),
            Rows<float>(e.GetProperty("cls")),
            Rows<float>(e.GetProperty("edges")));
    }

    private static T[][] Rows<T>(JsonElement e) => e.Deserialize<T[][]>()!;
}
