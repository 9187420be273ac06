// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;
using VectorStudio.Rpc.Client;
using M = VectorStudio.Client.VectorStudioMethods;

namespace VectorStudio.Client;

/// <summary>Calls <c>vectorstudio.v1.Snapshots</c>. Failures throw <see cref="Rpc.RpcException"/>.</summary>
public sealed class SnapshotsClient(CallInvoker invoker)
{
    public Task<SnapshotDescription> CreateAsync(string collection, CallOptions options = default) =>
        invoker.UnaryAsync(M.CreateSnapshot, new CreateSnapshotRequest { Collection = collection }, options);

    public Task<ListSnapshotsResponse> ListAsync(string? collection = null, CallOptions options = default) =>
        invoker.UnaryAsync(M.ListSnapshots, new ListSnapshotsRequest { Collection = collection ?? string.Empty }, options);

    /// <summary>Streams a snapshot file in chunks; the last carries the file's CRC32C.</summary>
    public AsyncServerStreamingCall<SnapshotChunk> Download(string collection, string? name = null, CallOptions options = default) =>
        invoker.ServerStreamingCall(M.DownloadSnapshot, new DownloadSnapshotRequest { Collection = collection, Name = name ?? string.Empty }, options);

    /// <summary>Starts an upload: write the chunks (the first names the target), complete, then await the collection.</summary>
    public AsyncClientStreamingCall<RestoreSnapshotChunk, CollectionInfo> Restore(CallOptions options = default) =>
        invoker.ClientStreamingCall(M.RestoreSnapshot, options);
}
