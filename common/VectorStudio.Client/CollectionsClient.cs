// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;
using VectorStudio.Rpc.Client;
using M = VectorStudio.Client.VectorStudioMethods;

namespace VectorStudio.Client;

/// <summary>Calls <c>vectorstudio.v1.Collections</c>. Failures throw <see cref="Rpc.RpcException"/>.</summary>
public sealed class CollectionsClient(CallInvoker invoker)
{
    public Task<CollectionInfo> CreateAsync(CreateCollectionRequest request, CallOptions options = default) =>
        invoker.UnaryAsync(M.CreateCollection, request, options);

    public Task<CollectionInfo> GetAsync(string name, CallOptions options = default) =>
        invoker.UnaryAsync(M.GetCollection, new GetCollectionRequest { Name = name }, options);

    public Task<ListCollectionsResponse> ListAsync(CallOptions options = default) =>
        invoker.UnaryAsync(M.ListCollections, new ListCollectionsRequest(), options);

    public Task<DeleteCollectionResponse> DeleteAsync(string name, CallOptions options = default) =>
        invoker.UnaryAsync(M.DeleteCollection, new DeleteCollectionRequest { Name = name }, options);
}
