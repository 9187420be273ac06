// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Hnsw;
using VectorStudio.Engine.Search;

namespace VectorStudio.Engine.Collections;

/// <summary>Persistence of the search index (the snapshot seam).</summary>
public sealed partial class Collection
{
    /// <summary>The index serving searches (tests and benchmarks inspect it).</summary>
    internal IVectorIndex Index => _index;

    /// <summary>
    /// Writes the HNSW graph (versioned binary format with a checksum, docs/engine.md) so a restart
    /// can load it instead of rebuilding. Returns false, writing nothing, for a flat collection.
    /// </summary>
    public bool TrySaveIndex(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (_index is not HnswIndex hnsw)
        {
            return false;
        }

        EnterRead();
        try
        {
            hnsw.Save(stream);
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Replaces the HNSW graph with one saved by <see cref="TrySaveIndex"/> from a collection holding the
    /// same points in the same slots (the snapshot restores both together). Returns false for a flat
    /// collection; throws InvalidArgument for a corrupt or mismatched graph.
    /// </summary>
    public bool TryLoadIndex(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (_index is not HnswIndex hnsw)
        {
            return false;
        }

        EnterWrite();
        try
        {
            hnsw.Load(stream);
            return true;
        }
        catch (InvalidDataException e)
        {
            throw EngineException.InvalidArgument($"collection '{Name}': cannot load its index: {e.Message}");
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
