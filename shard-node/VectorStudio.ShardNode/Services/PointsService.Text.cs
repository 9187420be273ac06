// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Storage;
using VectorStudio.Rpc.Server;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Services;

/// <summary>Points and queries sent as text: embedded by the collection's embedder before the engine sees them.</summary>
public sealed partial class PointsService
{
    /// <summary>
    /// Fills in the vectors (and the payload text) of the points at <paramref name="indices"/>. Runs before
    /// the batch reaches the engine, so a failing embedder stores nothing.
    /// </summary>
    private async Task EmbedPointsAsync(V1.UpsertPointsRequest request, PointStruct[] points, List<int> indices, ServerCallContext context)
    {
        var config = StatusMapping.Run(context, () => database.GetCollection(request.Collection)).Config;
        var texts = indices.Select(i => request.Points[i].Text).ToArray();
        var vectors = await embedder.EmbedAsync(config, texts, indices, "point", context);
        for (var k = 0; k < indices.Count; k++)
        {
            var i = indices[k];
            var payload = EmbedderConversions.WithText(points[i].Payload, config.Embedder!, texts[k], i);
            points[i] = points[i] with { Vector = vectors[k], Payload = payload };
        }
    }

    private async Task EmbedQueriesAsync(
        V1.SearchPointsRequest request, ReadOnlyMemory<float>[] queries, List<int> indices, ServerCallContext context)
    {
        var config = StatusMapping.Run(context, () => database.GetCollection(request.Collection)).Config;
        var texts = indices.Select(i => request.Queries[i].Text).ToArray();
        var vectors = await embedder.EmbedAsync(config, texts, indices, "query", context);
        for (var k = 0; k < indices.Count; k++)
        {
            queries[indices[k]] = vectors[k];
        }
    }
}
