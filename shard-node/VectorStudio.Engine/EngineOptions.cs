// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine;

/// <summary>Settings of the engine as a whole; the host binds and validates them.</summary>
public sealed record EngineOptions
{
    /// <summary>Most threads one search may use (large scans split across them); at least 1.</summary>
    public int SearchThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Most threads that link new points into an HNSW graph at once (bulk loads); at least 1.</summary>
    public int IndexThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>The fsync policy of a collection created without one.</summary>
    public Wal.DurabilityOptions DefaultDurability { get; init; } = Wal.DurabilityOptions.Default;

    /// <summary>Floats a scan scores per thread before it splits (tests lower it to reach the parallel path).</summary>
    internal long ParallelScanMinFloats { get; init; } = Search.FlatIndex.DefaultMinFloatsPerThread;
}
