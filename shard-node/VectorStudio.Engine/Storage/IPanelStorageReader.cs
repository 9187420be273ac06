// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Storage;

/// <summary>
/// Storage read in panels: slots are grouped in chunks of <c>1 &lt;&lt; ChunkShift</c> slots; inside a
/// chunk, 16 consecutive slots form a <em>panel</em> stored dimension-major (element <c>j</c> of the
/// panel's 16 vectors sits in 16 adjacent floats), so one 512-bit load reads one dimension of 16 vectors.
/// </summary>
internal unsafe interface IPanelStorageReader : IVectorStorageReader
{
    /// <summary>log2 of the slots per chunk; at least 6, so a chunk holds whole 64-slot words.</summary>
    int ChunkShift { get; }

    /// <summary>The panels of a chunk, 64-byte aligned; valid while the read lock is held.</summary>
    float* Panels(int chunk);

    /// <summary>The squared norms of a chunk's slots, indexed by slot within the chunk.</summary>
    float* Norms(int chunk);
}
