// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Wal;

/// <summary>What reading the log found: its segments (as left on disk) and the LSN range of its records.</summary>
/// <param name="Segments">The segment files, oldest first, after any truncation.</param>
/// <param name="FirstLsn">The LSN of the first record read; 0 if there was none.</param>
/// <param name="LastLsn">The LSN of the last valid record; 0 if there was none.</param>
/// <param name="Records">Valid records read.</param>
/// <param name="TruncatedBytes">Bytes cut off a torn tail (or, with repair, at a corruption).</param>
public sealed record WalReadResult(IReadOnlyList<WalSegmentInfo> Segments, long FirstLsn, long LastLsn, long Records, long TruncatedBytes);
