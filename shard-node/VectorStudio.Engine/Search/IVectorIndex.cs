// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Search;

/// <summary>
/// The seam between a collection and the structure that answers its searches. The flat index scores
/// every allowed slot; an HNSW index plugs in here, keeps its graph current through the hooks, and
/// searches with <see cref="SearchJob.Ef"/>, the allowed set and predicate as its filter, and the
/// cancellation token checked inside its loops. It falls back to <see cref="FlatIndex"/> when
/// <see cref="SearchJob.Exact"/> is set or the allowed set is small.
/// </summary>
/// <remarks>
/// Callers hold the collection's read lock for searches and its write lock for the hooks; <see cref="Flush"/>
/// runs under neither.
/// </remarks>
internal interface IVectorIndex
{
    IndexKind Kind { get; }

    /// <summary>Fills <see cref="SearchJob.Results"/>; throws <see cref="OperationCanceledException"/>.</summary>
    void Search<TDistance>(IVectorStorageReader storage, SearchJob job, CancellationToken cancellationToken)
        where TDistance : struct, IDistance;

    /// <summary>A slot's vector was written (new or replaced), as stored (normalised for cosine).</summary>
    void OnUpsert(int slot, ReadOnlySpan<float> vector);

    /// <summary>A slot was deleted; it may be reused by a later upsert.</summary>
    void OnDelete(int slot);

    /// <summary>
    /// Brings the index up to date with the writes recorded by the hooks. Called after an upsert
    /// releases the write lock, so slow index work (linking graph nodes) runs while searches proceed.
    /// </summary>
    void Flush();

    /// <summary>Bytes the index holds beyond the vectors themselves.</summary>
    long IndexBytes { get; }
}
