// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Client;
using VectorStudio.Rpc.Server;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Embedding;

/// <summary>
/// Calls a collection's embedder for the shard node's services: the model check at create, and texts to
/// vectors before an upsert or a search. Every call carries the caller's remaining deadline and
/// cancellation; every failure is an <see cref="RpcException"/> for the caller (see <see cref="EmbedderErrors"/>).
/// </summary>
/// <param name="connections">The shared channels.</param>
/// <param name="time">The clock the caller's deadline is measured with.</param>
/// <param name="maxTextsPerCall">Texts per Embed call: the embedder's --max-texts-per-request (default 256).</param>
public sealed class TextEmbedder(EmbedderConnections connections, TimeProvider time, int maxTextsPerCall = TextEmbedder.DefaultMaxTextsPerCall)
{
    /// <summary>The embedder node's default --max-texts-per-request.</summary>
    public const int DefaultMaxTextsPerCall = 256;

    public EmbedderConnections Connections => connections;

    /// <summary>The model the embedder serves; checks the binding's expected model name.</summary>
    public async Task<V1.ModelInfo> GetModelInfoAsync(EmbedderBinding binding, string collection, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(context);
        var options = Options(context, binding.Endpoint);
        V1.ModelInfo model;
        try
        {
            model = await connections.Get(binding.Endpoint).GetModelInfoAsync(options);
        }
        catch (RpcException e)
        {
            throw EmbedderErrors.Map(e, binding.Endpoint, collection, "model", []);
        }

        CheckModel(binding, collection, model);
        return model;
    }

    /// <summary>
    /// Embeds <paramref name="texts"/> for <paramref name="config"/>'s collection, in calls of at most
    /// <c>maxTextsPerCall</c> texts, one after the other; all of them or an exception.
    /// </summary>
    /// <param name="config">The collection; one without an embedder is FAILED_PRECONDITION.</param>
    /// <param name="texts">The texts.</param>
    /// <param name="indices">For each text, the index of its point or query in the request (for messages).</param>
    /// <param name="what">"point" or "query".</param>
    /// <param name="context">The caller's call: its deadline and cancellation go on to the embedder.</param>
    public async Task<float[][]> EmbedAsync(
        CollectionConfig config, IReadOnlyList<string> texts, IReadOnlyList<int> indices, string what, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(context);
        var binding = config.Embedder ?? throw new RpcException(
            StatusCode.FailedPrecondition,
            $"collection \"{config.Name}\" has no embedder, so {what} {indices[0]} cannot be sent as text; send a vector, "
            + "or create the collection with an embedder (CreateCollectionRequest.embedder; vsctl collections create NAME "
            + "--embedder host:port)");
        var client = connections.Get(binding.Endpoint);
        var allIndices = indices as int[] ?? [.. indices];
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += maxTextsPerCall)
        {
            var count = Math.Min(maxTextsPerCall, texts.Count - start);
            var chunk = new ArraySegment<int>(allIndices, start, count);
            var options = Options(context, binding.Endpoint);
            V1.EmbedResponse response;
            try
            {
                response = await client.EmbedAsync(texts.Skip(start).Take(count), options);
            }
            catch (RpcException e)
            {
                throw EmbedderErrors.Map(e, binding.Endpoint, config.Name, what, chunk);
            }

            if (response.Embeddings.Count != count)
            {
                throw new RpcException(
                    StatusCode.Internal,
                    $"the embedder at {binding.Endpoint} returned {response.Embeddings.Count} vectors for {count} texts");
            }

            CheckModel(binding, config.Name, response.Model);
            for (var i = 0; i < count; i++)
            {
                var values = response.Embeddings[i].Values;
                if (values.Count != config.Dimension)
                {
                    throw DimensionMismatch(binding, config, response.Model?.Name, values.Count);
                }

                vectors[start + i] = [.. values];
            }
        }

        return vectors;
    }

    /// <summary>The caller's remaining deadline and cancellation; a deadline already past fails here.</summary>
    private CallOptions Options(ServerCallContext context, string endpoint)
    {
        TimeSpan? timeout = null;
        if (context.Deadline is { } deadline)
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new RpcException(StatusCode.DeadlineExceeded, $"the deadline passed before the embedder at {endpoint} was called");
            }

            timeout = left;
        }

        return new CallOptions(Timeout: timeout, CancellationToken: context.CancellationToken);
    }

    private static void CheckModel(EmbedderBinding binding, string collection, V1.ModelInfo? model)
    {
        if (binding.ModelName.Length > 0 && model is not null && model.Name != binding.ModelName)
        {
            throw new RpcException(
                StatusCode.FailedPrecondition,
                $"the embedder at {binding.Endpoint} serves model \"{model.Name}\", but collection \"{collection}\" is bound "
                + $"to model \"{binding.ModelName}\"; load that model on the embedder, or bind the collection without a model name");
        }
    }

    private static RpcException DimensionMismatch(EmbedderBinding binding, CollectionConfig config, string? model, int dimension) => new(
        StatusCode.FailedPrecondition,
        $"the embedder at {binding.Endpoint} returned vectors of dimension {dimension} (model \"{model}\"), but collection "
        + $"\"{config.Name}\" has dimension {config.Dimension}; the embedder's model was changed: load a model of dimension "
        + $"{config.Dimension}, or create a new collection for this model");
}
