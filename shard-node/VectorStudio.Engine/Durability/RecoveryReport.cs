// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Durability;

/// <summary>What recovery rebuilt and from what.</summary>
public sealed record RecoveryReport(
    int Collections,
    long Points,
    int Snapshots,
    long Records,
    long Skipped,
    long FirstLsn,
    long LastLsn,
    long TruncatedBytes,
    TimeSpan Elapsed);
