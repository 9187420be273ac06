// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Durability;

/// <summary>A snapshot the store wrote, when it was finished and how long writing it took (for metrics).</summary>
public sealed record SnapshotTiming(SnapshotInfo Snapshot, DateTimeOffset FinishedAt, TimeSpan Duration);
