// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Client;
using VectorStudio.Engine.Durability;
using VectorStudio.Rpc.Server;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Services;

/// <summary><c>vectorstudio.v1.Collections</c>: validate, map, call the engine, map back.</summary>
public sealed class CollectionsService(DurableStore store)
{
    public ServiceDefinition CreateDefinition() =>
        ServiceDefinition.CreateBuilder(VectorStudioMethods.CollectionsService)
            .AddUnary<V1.CreateCollectionRequest, V1.CollectionInfo>("Create", CreateAsync)
            .AddUnary<V1.GetCollectionRequest, V1.CollectionInfo>("Get", GetAsync)
            .AddUnary<V1.ListCollectionsRequest, V1.ListCollectionsResponse>("List", ListAsync)
            .AddUnary<V1.DeleteCollectionRequest, V1.DeleteCollectionResponse>("Delete", DeleteAsync)
            .Build();

    private Task<V1.CollectionInfo> CreateAsync(V1.CreateCollectionRequest request, ServerCallContext context) =>
        StatusMapping.RunAsync(context, async () =>
        {
            var config = CollectionConversions.ToEngine(request, store.Options.Engine.DefaultDurability);
            context.CancellationToken.ThrowIfCancellationRequested();
            var collection = await store.Database.CreateCollectionDurableAsync(config);
            return CollectionConversions.ToContract(collection.GetInfo());
        });

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
            return new V1.DeleteCollectionResponse { PointsDeleted = (ulong)await store.DeleteCollectionAsync(request.Name) };
        });
}
