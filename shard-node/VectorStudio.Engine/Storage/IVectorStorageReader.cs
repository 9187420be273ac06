// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Storage;

/// <summary>
/// What search reads from vector storage. Searches depend on this interface only, so an index never
/// writes vectors; callers hold the collection's read lock while they use it.
/// </summary>
/// <remarks>
/// Layout: slots are grouped in chunks of <c>1 &lt;&lt; ChunkShift</c> slots; inside a chunk, 16
/// consecutive slots form a <em>panel</em> stored dimension-major (element <c>j</c> of the panel's 16
/// vectors sits in 16 adjacent floats), so one 512-bit load reads one dimension of 16 vectors.
/// </remarks>
internal unsafe interface IVectorStorageReader
{
    /// <summary>Floats per vector.</summary>
    int Dimension { get; }

    /// <summary>Slots ever used (live or deleted); scans stop here.</summary>
    int SlotCount { get; }

    /// <summary>Live slots.</summary>
    int LiveCount { get; }

    /// <summary>log2 of the slots per chunk; at least 6, so a chunk holds whole 64-slot words.</summary>
    int ChunkShift { get; }

    /// <summary>The live slots.</summary>
    SlotBitset Live { get; }

    /// <summary>The panels of a chunk, 64-byte aligned; valid while the read lock is held.</summary>
    float* Panels(int chunk);

    /// <summary>The squared norms of a chunk's slots, indexed by slot within the chunk.</summary>
    float* Norms(int chunk);

    /// <summary>Copies the vector in <paramref name="slot"/> into <paramref name="destination"/>.</summary>
    void CopyVector(int slot, Span<float> destination);
}
