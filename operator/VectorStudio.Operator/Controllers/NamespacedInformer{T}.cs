// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Watching;

namespace VectorStudio.Operator.Controllers;

/// <summary>
/// One kind's cache over the watched scope: one <see cref="Informer{T}"/> for all namespaces, or one
/// per watched namespace (a namespaced install has a Role in each, and no right to list across them).
/// </summary>
public sealed class NamespacedInformer<T>
    where T : class, IKubernetesObject
{
    private readonly Dictionary<string, Informer<T>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Informer<T>? _all;

    /// <param name="client">Where to list and watch.</param>
    /// <param name="type">The resource.</param>
    /// <param name="namespaces">Null: all namespaces; else the namespaces to watch.</param>
    /// <param name="selector">Server-side label selector, or null.</param>
    /// <param name="logger">Where watch errors go.</param>
    public NamespacedInformer(KubeApiClient client, ResourceType type, IReadOnlyList<string>? namespaces, string? selector,
        ILogger logger)
    {
        var options = new ReflectorOptions { LabelSelector = selector };
        if (namespaces is null)
        {
            _all = new Informer<T>(client, type, null, options, logger);
            return;
        }

        foreach (var ns in namespaces)
        {
            _byNamespace[ns] = new Informer<T>(client, type, ns, options, logger);
        }
    }

    private IEnumerable<Informer<T>> All => _all is null ? _byNamespace.Values : [_all];

    public int Count => All.Sum(i => i.Count);

    public void AddHandler(Action<T>? onAdd = null, Action<T, T>? onUpdate = null, Action<T>? onDelete = null)
    {
        foreach (var informer in All)
        {
            informer.AddHandler(onAdd, onUpdate, onDelete);
        }
    }

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(All.Select(i => i.RunAsync(ct)));

    public Task WaitForSyncAsync(CancellationToken ct) => Task.WhenAll(All.Select(i => i.WaitForSyncAsync(ct)));

    public T? Get(string? ns, string name) => For(ns)?.Get(ns, name);

    public T? Get(string key)
    {
        var (ns, name) = ObjectKey.Split(key);
        return Get(ns, name);
    }

    /// <summary>Cached objects of one namespace, or of every watched namespace.</summary>
    public IReadOnlyList<T> List(string? ns = null)
        => ns is null ? [.. All.SelectMany(i => i.List())] : For(ns)?.List(ns) ?? [];

    private Informer<T>? For(string? ns) => _all ?? (ns is not null && _byNamespace.TryGetValue(ns, out var i) ? i : null);
}
