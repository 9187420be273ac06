// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Wal;

/// <summary>What a log record does; the byte value is part of the on-disk format.</summary>
public enum WalOp : byte
{
    /// <summary>Creates a collection; the body holds its configuration.</summary>
    CreateCollection = 1,

    /// <summary>Drops a collection and its points.</summary>
    DropCollection = 2,

    /// <summary>Inserts or replaces a batch of points; the batch is one record, so it applies whole or not at all.</summary>
    Upsert = 3,

    /// <summary>Deletes points by id (a delete by filter is logged as the ids it matched).</summary>
    Delete = 4,
}
