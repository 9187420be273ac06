// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Wal;

/// <summary>A segment file of the log: where it is, the LSN of its first record, and its size.</summary>
public sealed record WalSegmentInfo(string Path, long FirstLsn, long Bytes);
