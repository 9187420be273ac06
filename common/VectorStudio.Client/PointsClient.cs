// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;
using VectorStudio.Rpc.Client;
using M = VectorStudio.Client.VectorStudioMethods;

namespace VectorStudio.Client;

/// <summary>Calls <c>vectorstudio.v1.Points</c>. Failures throw <see cref="Rpc.RpcException"/>.</summary>
public sealed class PointsClient(CallInvoker invoker)
{
    public Task<UpsertPointsResponse> UpsertAsync(UpsertPointsRequest request, CallOptions options = default) =>
        invoker.UnaryAsync(M.Upsert, request, options);

    /// <summary>Starts a client stream of upsert batches; complete the request stream, then await the totals.</summary>
    public AsyncClientStreamingCall<UpsertPointsRequest, UpsertPointsResponse> UpsertStream(CallOptions options = default) =>
        invoker.ClientStreamingCall(M.UpsertStream, options);

    public Task<GetPointsResponse> GetAsync(GetPointsRequest request, CallOptions options = default) =>
        invoker.UnaryAsync(M.GetPoints, request, options);

    public Task<DeletePointsResponse> DeleteAsync(DeletePointsRequest request, CallOptions options = default) =>
        invoker.UnaryAsync(M.DeletePoints, request, options);

    public Task<CountPointsResponse> CountAsync(CountPointsRequest request, CallOptions options = default) =>
        invoker.UnaryAsync(M.Count, request, options);

    /// <summary>Streams the matching points; dispose the call to stop early.</summary>
    public AsyncServerStreamingCall<ScrollPointsResponse> Scroll(ScrollPointsRequest request, CallOptions options = default) =>
        invoker.ServerStreamingCall(M.Scroll, request, options);

    public Task<SearchPointsResponse> SearchAsync(SearchPointsRequest request, CallOptions options = default) =>
        invoker.UnaryAsync(M.Search, request, options);
}
