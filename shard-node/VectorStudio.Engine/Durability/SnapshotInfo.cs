// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Durability;

/// <summary>A snapshot file of one collection: its name (the LSN it covers, zero-padded), size and path.</summary>
public sealed record SnapshotInfo(string Collection, string Name, long Lsn, long Bytes, string Path);
