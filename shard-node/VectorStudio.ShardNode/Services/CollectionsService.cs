// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Client;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Durability;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;
using VectorStudio.ShardNode.Embedding;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Services;

/// <summary>
/// <c>vectorstudio.v1.Collections</c>: validate, map, call the engine, map back. A collection bound to an
/// embedder is checked against the embedder's model before it is created.
/// </summary>
public sealed class CollectionsService(DurableStore store, TextEmbedder embedder)
{
    public ServiceDefinition CreateDefinition() =>
        ServiceDefinition.CreateBuilder(VectorStudioMethods.CollectionsService)
            .AddUnary<V1.CreateCollectionRequest, V1.CollectionInfo>("Create", CreateAsync)
            .AddUnary<V1.GetCollectionRequest, V1.CollectionInfo>("Get", GetAsync)
            .AddUnary<V1.ListCollectionsRequest, V1.ListCollectionsResponse>("List", ListAsync)
            .AddUnary<V1.DeleteCollectionRequest, V1.DeleteCollectionResponse>("Delete", DeleteAsync)
            .Build();

    private async Task<V1.CollectionInfo> CreateAsync(V1.CreateCollectionRequest request, ServerCallContext context)
    {
        var config = CollectionConversions.ToEngine(request, store.Options.Engine.DefaultDurability);
        var binding = config.Embedder;
        try
        {
            if (binding is not null)
            {
                config = await MatchModelAsync(config, binding, context);
            }

            return await StatusMapping.RunAsync(context, async () =>
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var collection = await store.Database.CreateCollectionDurableAsync(config);
                return CollectionConversions.ToContract(collection.GetInfo());
            });
        }
        catch
        {
            // A refused create keeps no channel open to an embedder no collection uses.
            if (binding is not null)
            {
                ReleaseIfUnused(binding.Endpoint);
            }

            throw;
        }
    }

    /// <summary>The configuration with the model's dimension; FAILED_PRECONDITION when it differs from the request's.</summary>
    private async Task<CollectionConfig> MatchModelAsync(CollectionConfig config, EmbedderBinding binding, ServerCallContext context)
    {
        var model = await embedder.GetModelInfoAsync(binding, config.Name, context);
        var dimension = (int)Math.Min(model.Dimension, int.MaxValue);
        if (config.Dimension == 0)
        {
            return config with { Dimension = dimension };
        }

        return config.Dimension == dimension
            ? config
            : throw new RpcException(
                StatusCode.FailedPrecondition,
                $"collection \"{config.Name}\" asks for dimension {config.Dimension}, but model \"{model.Name}\" at "
                + $"{binding.Endpoint} embeds {dimension} floats; give dimension {dimension}, or 0 to take the model's");
    }

    private Task<V1.CollectionInfo> GetAsync(V1.GetCollectionRequest request, ServerCallContext context) =>
        Task.FromResult(StatusMapping.Run(context, () => CollectionConversions.ToContract(store.Database.GetCollection(request.Name).GetInfo())));

    private Task<V1.ListCollectionsResponse> ListAsync(V1.ListCollectionsRequest request, ServerCallContext context) =>
        Task.FromResult(StatusMapping.Run(context, () => new V1.ListCollectionsResponse
        {
            Collections = { store.Database.ListCollections().Select(CollectionConversions.ToContract) },
        }));

    private Task<V1.DeleteCollectionResponse> DeleteAsync(V1.DeleteCollectionRequest request, ServerCallContext context) =>
        StatusMapping.RunAsync(context, async () =>
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var endpoint = store.Database.GetCollection(request.Name).Config.Embedder?.Endpoint;
            var deleted = await store.DeleteCollectionAsync(request.Name);
            if (endpoint is not null)
            {
                ReleaseIfUnused(endpoint);
            }

            return new V1.DeleteCollectionResponse { PointsDeleted = (ulong)deleted };
        });

    /// <summary>Closes the channel to an endpoint no collection is bound to any more.</summary>
    private void ReleaseIfUnused(string endpoint)
    {
        if (!store.Database.ListCollections().Any(c => c.Config.Embedder?.Endpoint == endpoint))
        {
            embedder.Connections.Release(endpoint);
        }
    }
}
