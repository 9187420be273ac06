// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Watching;

namespace VectorStudio.Kube.Controllers;

/// <summary>
/// A thread-safe cache of one kind, kept current by a <see cref="Reflector{T}"/> (list + watch),
/// keyed by <see cref="ObjectKey"/>. Handlers run on the watch loop, in event order, one at a time;
/// they should only enqueue keys. A relist (after 410 or a broken watch) is diffed against the
/// cache: objects that vanished meanwhile get their delete callback (with the last state seen),
/// changed ones an update, unchanged ones nothing, so no delete is lost or repeated.
/// </summary>
public sealed class Informer<T> : IReflectorStore<T>
    where T : class, IKubernetesObject
{
    private readonly ConcurrentDictionary<string, T> _cache = new(StringComparer.Ordinal);
    private readonly List<Action<T>> _onAdd = [];
    private readonly List<Action<T, T>> _onUpdate = [];
    private readonly List<Action<T>> _onDelete = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;

    public Informer(KubeApiClient client, ResourceType type, string? ns, ReflectorOptions? options = null,
        ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        Reflector = new Reflector<T>(client, type, ns, this, options, _logger);
    }

    /// <summary>The list-and-watch loop behind the cache (its counters help diagnostics and tests).</summary>
    public Reflector<T> Reflector { get; }

    /// <summary>True once the first list has filled the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    public int Count => _cache.Count;

    /// <summary>Registers callbacks; call before <see cref="RunAsync"/>.</summary>
    public void AddHandler(Action<T>? onAdd = null, Action<T, T>? onUpdate = null, Action<T>? onDelete = null)
    {
        if (onAdd is not null)
        {
            _onAdd.Add(onAdd);
        }

        if (onUpdate is not null)
        {
            _onUpdate.Add(onUpdate);
        }

        if (onDelete is not null)
        {
            _onDelete.Add(onDelete);
        }
    }

    /// <summary>Runs the list-and-watch loop until cancelled.</summary>
    public Task RunAsync(CancellationToken ct) => Reflector.RunAsync(ct);

    /// <summary>Completes when the first list has filled the cache.</summary>
    public Task WaitForSyncAsync(CancellationToken ct) => _synced.Task.WaitAsync(ct);

    public T? Get(string? ns, string name) => _cache.TryGetValue(ObjectKey.Of(ns, name), out var obj) ? obj : null;

    public T? Get(string key) => _cache.TryGetValue(key, out var obj) ? obj : null;

    /// <summary>A snapshot of the cached objects, optionally of one namespace.</summary>
    public IReadOnlyList<T> List(string? ns = null) =>
        [.. _cache.Values.Where(o => ns is null || o.Metadata.Namespace == ns)];

    void IReflectorStore<T>.Replace(IReadOnlyList<T> items, string resourceVersion)
    {
        var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            fresh[ObjectKey.Of(item)] = item;
        }

        foreach (var (key, old) in _cache)
        {
            if (!fresh.ContainsKey(key) && _cache.TryRemove(key, out _))
            {
                Notify(_onDelete, h => h(old));
            }
        }

        foreach (var (key, item) in fresh)
        {
            if (!_cache.TryGetValue(key, out var old))
            {
                _cache[key] = item;
                Notify(_onAdd, h => h(item));
            }
            else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
            {
                _cache[key] = item;
                Notify(_onUpdate, h => h(old, item));
            }
        }

        _synced.TrySetResult();
    }

    void IReflectorStore<T>.Apply(WatchEventType type, T item)
    {
        var key = ObjectKey.Of(item);
        if (type == WatchEventType.Deleted)
        {
            // Absent already (a relist saw it gone): its delete was delivered then.
            if (_cache.TryRemove(key, out _))
            {
                Notify(_onDelete, h => h(item));
            }

            return;
        }

        if (_cache.TryGetValue(key, out var old))
        {
            _cache[key] = item;
            Notify(_onUpdate, h => h(old, item));
        }
        else
        {
            _cache[key] = item;
            Notify(_onAdd, h => h(item));
        }
    }

    private void Notify<TH>(List<TH> handlers, Action<TH> call)
    {
        foreach (var handler in handlers)
        {
            try
            {
                call(handler);
            }
            catch (Exception ex)
            {
                // A failing handler must not stop the watch loop or starve the other handlers.
                _logger.LogError(ex, "informer handler failed");
            }
        }
    }
}
