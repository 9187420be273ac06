// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Storage;

/// <summary>
/// What search reads from vector storage, whatever its layout. Searches depend on reader interfaces
/// only, so an index never writes vectors; callers hold the collection's read lock while they use it.
/// </summary>
/// <remarks>
/// Two layouts implement it: <see cref="IPanelStorageReader"/> (16-vector dimension-major panels, what
/// the flat scan is fastest on; flat collections) and <see cref="IRowStorageReader"/> (one contiguous
/// row per slot, what graph traversal and re-scoring read; HNSW collections). A collection keeps
/// exactly one of them, so each vector is stored once.
/// </remarks>
internal interface IVectorStorageReader
{
    /// <summary>Floats per vector.</summary>
    int Dimension { get; }

    /// <summary>Slots ever used (live or deleted); scans stop here.</summary>
    int SlotCount { get; }

    /// <summary>Live slots.</summary>
    int LiveCount { get; }

    /// <summary>The live slots.</summary>
    SlotBitset Live { get; }

    /// <summary>Copies the vector in <paramref name="slot"/> into <paramref name="destination"/>.</summary>
    void CopyVector(int slot, Span<float> destination);
}
