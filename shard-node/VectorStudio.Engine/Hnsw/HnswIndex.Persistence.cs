// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Hnsw;

/// <summary>Saving and loading the graph, so a restart does not rebuild it.</summary>
internal sealed partial class HnswIndex
{
    /// <summary>
    /// Links pending points, then writes the graph. Nodes whose slot version is current are saved as
    /// live, the rest as tombstones. Call under the collection's read lock so no write races the save.
    /// </summary>
    public void Save(Stream stream)
    {
        Flush();
        lock (_maintenance)
        {
            var graph = _graph ?? HnswGraph.Create(
                new HnswGraphOptions(_dimension, _euclidean, _options.M, _options.EfConstruct, null), _vectors);
            var versions = _versions;
            graph.Save(stream, n => graph.Slot(n) < versions.Length && versions[graph.Slot(n)] == graph.Version(n));
        }
    }

    /// <summary>
    /// Replaces the graph with a saved one whose live nodes name slots that hold, now, the vectors they
    /// held when it was saved (the snapshot restores points into the same slots). Pending points are
    /// dropped: the loaded graph already covers them. Call under the collection's write lock.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a graph this build reads, or is corrupt.</exception>
    public void Load(Stream stream)
    {
        var (graph, live) = HnswGraph.Load(stream, _vectors);
        if (graph.Dimension != _dimension || graph.Options.Euclidean != _euclidean)
        {
            throw new InvalidDataException(
                $"hnsw graph: dimension {graph.Dimension} and metric do not match this collection ({_dimension})");
        }

        lock (_maintenance)
        {
            var stale = 0;
            for (var n = 0; n < graph.Count; n++)
            {
                var slot = graph.Slot(n);
                if (live[n])
                {
                    EnsureVersionSlot(slot);
                    graph.SetVersion(n, _versions[slot]);
                    _represented.Add(slot);
                }
                else
                {
                    graph.SetVersion(n, -1);
                    stale++;
                }
            }

            TakePending();
            Volatile.Write(ref _graph, graph);
            Volatile.Write(ref _stale, stale);
        }
    }
}
