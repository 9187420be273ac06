// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine;

/// <summary>
/// Every limit of the public contract in one place (the proto comments and docs/api.md list the same).
/// </summary>
public static class EngineLimits
{
    /// <summary>Points per upsert batch, and ids per get or delete.</summary>
    public const int MaxBatchPoints = 10_000;

    /// <summary>Query vectors per search call.</summary>
    public const int MaxQueries = 1_024;

    /// <summary>Results per query (k).</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Vector length.</summary>
    public const int MaxDimension = 65_536;

    /// <summary>Collection name length; names use [A-Za-z0-9_-] and start with a letter or digit.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Encoded payload size of one point, in bytes.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>Payload key length, in characters.</summary>
    public const int MaxPayloadKeyLength = 128;

    /// <summary>String id length, in UTF-8 bytes.</summary>
    public const int MaxStringIdBytes = 256;

    /// <summary>Points per scroll page.</summary>
    public const int MaxScrollBatch = 10_000;

    /// <summary>Points per scroll page when the caller does not say.</summary>
    public const int DefaultScrollBatch = 256;

    /// <summary>HNSW candidate list size of one search.</summary>
    public const int MaxHnswEf = 4_096;

    /// <summary>Collections one node holds.</summary>
    public const int MaxCollections = 10_000;

    /// <summary>
    /// Live and deleted-but-reusable slots of one collection. Slots are 32-bit offsets; the cap keeps
    /// every chunk index and bitset word count comfortably inside <see cref="int"/>.
    /// </summary>
    public const int MaxPointsPerCollection = 1 << 30;
}
