// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;
using VectorStudio.Client;
using VectorStudio.Engine.Durability;
using VectorStudio.Engine.Errors;
using VectorStudio.Hashing;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Services;

/// <summary><c>vectorstudio.v1.Snapshots</c>: take, list, download and restore collection snapshots.</summary>
public sealed class SnapshotsService(DurableStore store, string uploadDirectory)
{
    /// <summary>Bytes per download chunk: well under the default 4 MiB message limit of gRPC clients.</summary>
    public const int ChunkBytes = 1 << 20;

    public ServiceDefinition CreateDefinition() =>
        ServiceDefinition.CreateBuilder(VectorStudioMethods.SnapshotsService)
            .AddUnary<V1.CreateSnapshotRequest, V1.SnapshotDescription>("Create", CreateAsync)
            .AddUnary<V1.ListSnapshotsRequest, V1.ListSnapshotsResponse>("List", ListAsync)
            .AddServerStreaming<V1.DownloadSnapshotRequest, V1.SnapshotChunk>("Download", DownloadAsync)
            .AddClientStreaming<V1.RestoreSnapshotChunk, V1.CollectionInfo>("Restore", RestoreAsync)
            .Build();

    private static V1.SnapshotDescription ToContract(SnapshotInfo info) => new()
    {
        Collection = info.Collection,
        Name = info.Name,
        Lsn = (ulong)info.Lsn,
        SizeBytes = (ulong)info.Bytes,
    };

    private async Task<V1.SnapshotDescription> CreateAsync(V1.CreateSnapshotRequest request, ServerCallContext context)
    {
        // Off the request thread: writing a large collection takes a while and does blocking I/O.
        var info = await Task.Run(() => StatusMapping.Run(context, () => store.CreateSnapshot(request.Collection)));
        return ToContract(info);
    }

    private Task<V1.ListSnapshotsResponse> ListAsync(V1.ListSnapshotsRequest request, ServerCallContext context) =>
        Task.FromResult(StatusMapping.Run(context, () => new V1.ListSnapshotsResponse
        {
            Snapshots = { store.ListSnapshots(request.Collection.Length == 0 ? null : request.Collection).Select(ToContract) },
        }));

    private async Task DownloadAsync(V1.DownloadSnapshotRequest request, IServerStreamWriter<V1.SnapshotChunk> responses, ServerCallContext context)
    {
        var info = StatusMapping.Run(context, () => Find(request));
        FileStream file;
        try
        {
            file = new FileStream(info.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, ChunkBytes);
        }
        catch (FileNotFoundException)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"snapshot '{info.Name}' of '{info.Collection}' was deleted meanwhile; list again"));
        }

        await using (file)
        {
            var buffer = new byte[ChunkBytes];
            uint crc = 0;
            ulong offset = 0;
            var first = true;
            while (true)
            {
                var n = await file.ReadAsync(buffer, context.CancellationToken);
                crc = Crc32C.Append(crc, buffer.AsSpan(0, n));
                var last = n < buffer.Length && file.Position == file.Length;
                var chunk = new V1.SnapshotChunk { Data = ByteString.CopyFrom(buffer, 0, n), Offset = offset, Last = last };
                if (first)
                {
                    chunk.Snapshot = ToContract(info);
                    first = false;
                }

                if (last)
                {
                    chunk.Crc32C = crc;
                }

                await responses.WriteAsync(chunk, context.CancellationToken);
                offset += (ulong)n;
                if (last)
                {
                    return;
                }
            }
        }
    }

    private SnapshotInfo Find(V1.DownloadSnapshotRequest request)
    {
        if (request.Name.Length > 0)
        {
            return store.GetSnapshot(request.Collection, request.Name);
        }

        store.Database.GetCollection(request.Collection);
        var all = store.ListSnapshots(request.Collection);
        return all.Count > 0 ? all[^1] : throw EngineException.NotFound(
            $"collection '{request.Collection}' has no snapshot yet; create one first (Snapshots.Create)");
    }

    private async Task<V1.CollectionInfo> RestoreAsync(IAsyncStreamReader<V1.RestoreSnapshotChunk> chunks, ServerCallContext context)
    {
        Directory.CreateDirectory(uploadDirectory);
        var path = Path.Combine(uploadDirectory, $"{Guid.NewGuid():N}.upload");
        try
        {
            string? target = null;
            var replace = false;
            uint crc = 0;
            uint? declared = null;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, ChunkBytes))
            {
                var first = true;
                while (await chunks.MoveNextAsync(context.CancellationToken))
                {
                    var chunk = chunks.Current;
                    if (first)
                    {
                        target = chunk.Collection.Length == 0 ? null : chunk.Collection;
                        replace = chunk.Replace;
                        first = false;
                    }

                    crc = Crc32C.Append(crc, chunk.Data.Span);
                    await file.WriteAsync(chunk.Data.Memory, context.CancellationToken);
                    if (chunk.Last)
                    {
                        declared = chunk.Crc32C;
                    }
                }
            }

            if (declared is null)
            {
                throw StatusMapping.Invalid("the upload ended without a last chunk (last = true, with the file's CRC32C); nothing was stored");
            }

            if (declared != crc)
            {
                throw StatusMapping.Invalid(
                    $"the upload's CRC32C is {crc:x8}, but the client declared {declared:x8}: it was damaged in transit; nothing was stored");
            }

            var info = await Task.Run(async () =>
            {
                try
                {
                    return await store.RestoreAsync(path, target, replace);
                }
                catch (EngineException e)
                {
                    throw StatusMapping.ToRpcException(e, context);
                }
            });
            return CollectionConversions.ToContract(info);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
