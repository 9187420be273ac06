// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Wal;

/// <summary>One decoded log record: the header fields and, by op, a configuration, points or ids.</summary>
/// <param name="Term">The primary term that wrote it (1 until replication assigns terms).</param>
/// <param name="Lsn">The log sequence number: one sequence per node, shared by every collection.</param>
/// <param name="Op">What the record does.</param>
/// <param name="Collection">The collection it applies to.</param>
public sealed record WalRecord(long Term, long Lsn, WalOp Op, string Collection)
{
    /// <summary>The configuration of a CreateCollection record.</summary>
    public CollectionConfig? Config { get; init; }

    /// <summary>The points of an Upsert record, in batch order.</summary>
    public IReadOnlyList<PointStruct>? Points { get; init; }

    /// <summary>The ids of a Delete record.</summary>
    public IReadOnlyList<PointId>? Ids { get; init; }
}
