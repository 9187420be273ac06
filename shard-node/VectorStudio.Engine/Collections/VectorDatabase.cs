// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Collections;

/// <summary>
/// The named collections of one shard replica: create, get, list, delete. Thread-safe; the map is
/// guarded by a plain lock, and each collection has its own reader/writer lock.
/// </summary>
/// <remarks>
/// Locks: no method holds the database lock while it waits for a collection's lock, so the two never
/// deadlock. A handle kept past its collection's deletion answers NotFound.
/// </remarks>
public sealed class VectorDatabase : IDisposable
{
    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly EngineOptions _options;

    public VectorDatabase(EngineOptions? options = null)
    {
        _options = options ?? new EngineOptions();
    }

    /// <summary>Creates a collection; AlreadyExists if the name is taken, InvalidArgument for bad settings.</summary>
    public Collection CreateCollection(CollectionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        lock (_gate)
        {
            if (_collections.ContainsKey(config.Name))
            {
                throw EngineException.AlreadyExists($"collection '{config.Name}' already exists");
            }

            if (_collections.Count >= EngineLimits.MaxCollections)
            {
                throw EngineException.ResourceExhausted(
                    $"this node holds {_collections.Count} collections, the limit; delete one first");
            }

            var collection = new Collection(config, _options);
            _collections.Add(config.Name, collection);
            return collection;
        }
    }

    /// <summary>The named collection; NotFound if it does not exist.</summary>
    public Collection GetCollection(string name) =>
        TryGetCollection(name, out var collection) ? collection : throw EngineException.CollectionNotFound(name);

    public bool TryGetCollection(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Collection? collection)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _collections.TryGetValue(name, out collection);
        }
    }

    /// <summary>Every collection's info, sorted by name (ordinal).</summary>
    public IReadOnlyList<CollectionInfo> ListCollections()
    {
        Collection[] all;
        lock (_gate)
        {
            all = [.. _collections.Values];
        }

        var infos = new List<CollectionInfo>(all.Length);
        foreach (var collection in all.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            try
            {
                infos.Add(collection.GetInfo());
            }
            catch (EngineException e) when (e.Kind == EngineErrorKind.NotFound)
            {
                // Deleted between the snapshot and here: it is no longer listed.
            }
        }

        return infos;
    }

    /// <summary>Deletes a collection and its points; NotFound if it does not exist. Returns the points it held.</summary>
    public long DeleteCollection(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Collection? collection;
        lock (_gate)
        {
            if (!_collections.Remove(name, out collection))
            {
                throw EngineException.CollectionNotFound(name);
            }
        }

        // Outside the map lock: waits for the collection's in-flight operations to finish.
        return collection.MarkDeleted();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var collection in _collections.Values)
            {
                collection.Dispose();
            }

            _collections.Clear();
        }
    }
}
