// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;
using VectorStudio.Cli.Output;
using VectorStudio.Contracts.V1;
using VectorStudio.Hashing;
using VectorStudio.Rpc;

namespace VectorStudio.Cli.Commands;

/// <summary><c>vsctl snapshot create|list|download|restore</c>: backup and restore of collections.</summary>
internal static class SnapshotCommands
{
    /// <summary>Bytes per uploaded chunk (the node's own download chunks are the same size).</summary>
    private const int ChunkBytes = 1 << 20;

    public static async Task<int> RunAsync(CliContext ctx, CommandLine cl)
    {
        var verb = cl.RequirePositional(1, "snapshot subcommand (create, list, download, restore)");
        switch (verb)
        {
            case "create":
                var collection = cl.RequirePositional(2, "collection name");
                cl.EnsureAllUsed(3);
                var created = await ctx.Snapshots.CreateAsync(collection, ctx.Call());
                return await WriteListAsync(ctx, [created]);
            case "list":
                var of = cl.Positional(2);
                cl.EnsureAllUsed(of is null ? 2 : 3);
                var list = await ctx.Snapshots.ListAsync(of, ctx.Call());
                if (ctx.Json)
                {
                    ctx.WriteJson(list);
                    return ExitCodes.Ok;
                }

                return await WriteListAsync(ctx, list.Snapshots);
            case "download":
                return await DownloadAsync(ctx, cl);
            case "restore":
                return await RestoreAsync(ctx, cl);
            default:
                throw new UsageException($"unknown snapshot subcommand '{verb}'; accepted: create, list, download, restore");
        }
    }

    private static async Task<int> WriteListAsync(CliContext ctx, IReadOnlyList<SnapshotDescription> snapshots)
    {
        if (ctx.Json)
        {
            foreach (var snapshot in snapshots)
            {
                ctx.WriteJson(snapshot);
            }

            return ExitCodes.Ok;
        }

        var table = new Table("COLLECTION", "SNAPSHOT", "LSN", "BYTES");
        foreach (var s in snapshots)
        {
            table.Add(s.Collection, s.Name, s.Lsn, s.SizeBytes);
        }

        await ctx.Output.WriteAsync(table.ToString());
        return ExitCodes.Ok;
    }

    /// <summary>Streams a snapshot into FILE; the CRC32C and offsets are checked, and a damaged download leaves no file.</summary>
    private static async Task<int> DownloadAsync(CliContext ctx, CommandLine cl)
    {
        var collection = cl.RequirePositional(2, "collection name");
        var path = cl.RequirePositional(3, "output file");
        var name = cl.Option("name");
        cl.EnsureAllUsed(4);
        var partial = path + ".partial";
        SnapshotDescription? description = null;
        try
        {
            uint crc = 0;
            ulong offset = 0;
            var complete = false;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, ChunkBytes))
            {
                using var call = ctx.Snapshots.Download(collection, name, ctx.Call());
                await foreach (var chunk in call.ResponseStream.ReadAllAsync())
                {
                    description ??= chunk.Snapshot;
                    if (chunk.Offset != offset)
                    {
                        throw new IOException($"download of {collection}: chunk at offset {chunk.Offset}, expected {offset}; nothing was saved");
                    }

                    crc = Crc32C.Append(crc, chunk.Data.Span);
                    await file.WriteAsync(chunk.Data.Memory);
                    offset += (ulong)chunk.Data.Length;
                    if (chunk.Last)
                    {
                        if (chunk.Crc32C != crc)
                        {
                            throw new IOException($"download of {collection}: CRC32C {crc:x8} does not match the node's {chunk.Crc32C:x8}; nothing was saved");
                        }

                        complete = true;
                    }
                }
            }

            if (!complete)
            {
                throw new IOException($"download of {collection} ended before its last chunk; nothing was saved");
            }

            File.Move(partial, path, overwrite: true);
            await ctx.Output.WriteLineAsync($"downloaded snapshot {description?.Name} of {collection} (LSN {description?.Lsn}, {offset} bytes) to {path}");
            return ExitCodes.Ok;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Uploads FILE and restores it; the node checks it whole before it stores anything.</summary>
    private static async Task<int> RestoreAsync(CliContext ctx, CommandLine cl)
    {
        var path = cl.RequirePositional(2, "snapshot file");
        var target = cl.Option("collection");
        var replace = cl.Flag("replace");
        cl.EnsureAllUsed(3);
        if (!File.Exists(path))
        {
            throw new IOException($"no snapshot file at {path}");
        }

        using var call = ctx.Snapshots.Restore(ctx.Call());
        var buffer = new byte[ChunkBytes];
        uint crc = 0;
        var first = true;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes))
        {
            while (true)
            {
                var n = await file.ReadAsync(buffer);
                crc = Crc32C.Append(crc, buffer.AsSpan(0, n));
                var last = file.Position == file.Length;
                var chunk = new RestoreSnapshotChunk { Data = ByteString.CopyFrom(buffer, 0, n), Last = last };
                if (first)
                {
                    chunk.Collection = target ?? string.Empty;
                    chunk.Replace = replace;
                    first = false;
                }

                if (last)
                {
                    chunk.Crc32C = crc;
                }

                await call.RequestStream.WriteAsync(chunk);
                if (last)
                {
                    break;
                }
            }
        }

        await call.RequestStream.CompleteAsync();
        var info = await call.ResponseAsync;
        if (ctx.Json)
        {
            ctx.WriteJson(info);
        }
        else
        {
            await ctx.Output.WriteLineAsync($"restored collection {info.Name} ({info.PointCount} points) from {path}");
        }

        return ExitCodes.Ok;
    }
}
