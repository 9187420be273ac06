// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Apps;
using VectorStudio.Kube.Models.Core;
using VectorStudio.Kube.Models.Policy;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Controllers;

/// <summary>
/// The informer caches Observe reads: VectorClusters, and the owned kinds filtered server-side by
/// <c>app.kubernetes.io/managed-by=vector-studio-operator</c> so the operator never caches the
/// rest of the cluster. Every event maps to the owning VectorCluster's key (its controller owner
/// reference, else the instance label) and lands in the queue, which de-duplicates it. Secrets are
/// not cached: the operator's RBAC only lets it get one by name.
/// </summary>
public sealed class ClusterCaches
{
    private static readonly string OwnedSelector = $"{ClusterLabels.ManagedBy}={ClusterLabels.Manager}";
    private readonly List<Func<CancellationToken, Task>> _runs = [];
    private readonly List<Func<CancellationToken, Task>> _syncs = [];

    public ClusterCaches(KubeApiClient client, IReadOnlyList<string>? namespaces, WorkQueue queue, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(loggers);
        Clusters = Add<V1Alpha1VectorCluster>(client, OwnedKinds.VectorCluster, namespaces, null, loggers);
        Clusters.AddHandler(c => queue.Add(ObjectKey.Of(c)), (old, c) =>
        {
            // Status writes (ours) change only the resourceVersion; generation or labels mean work.
            if (old.Metadata.Generation != c.Metadata.Generation || c.Metadata.DeletionTimestamp is not null
                || c.Status?.ObservedGeneration != c.Metadata.Generation)
            {
                queue.Add(ObjectKey.Of(c));
            }
        });
        StatefulSets = Owned<StatefulSet>(client, OwnedKinds.StatefulSet, namespaces, queue, loggers);
        Deployments = Owned<Deployment>(client, OwnedKinds.Deployment, namespaces, queue, loggers);
        Services = Owned<Service>(client, OwnedKinds.Service, namespaces, queue, loggers);
        ConfigMaps = Owned<ConfigMap>(client, OwnedKinds.ConfigMap, namespaces, queue, loggers);
        Budgets = Owned<PodDisruptionBudget>(client, OwnedKinds.PodDisruptionBudget, namespaces, queue, loggers);
        Pods = Owned<Pod>(client, OwnedKinds.Pod, namespaces, queue, loggers);
    }

    public NamespacedInformer<V1Alpha1VectorCluster> Clusters { get; }

    public NamespacedInformer<StatefulSet> StatefulSets { get; }

    public NamespacedInformer<Deployment> Deployments { get; }

    public NamespacedInformer<Service> Services { get; }

    public NamespacedInformer<ConfigMap> ConfigMaps { get; }

    public NamespacedInformer<PodDisruptionBudget> Budgets { get; }

    public NamespacedInformer<Pod> Pods { get; }

    /// <summary>The cluster an owned object belongs to: its controller owner reference, else its instance label.</summary>
    public static string? OwnerKey(IKubernetesObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var owner = obj.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true
            && r.Kind == V1Alpha1VectorCluster.KindName && r.ApiVersion == V1Alpha1VectorCluster.GroupVersion);
        var name = owner?.Name ?? obj.Metadata.Labels?.GetValueOrDefault(ClusterLabels.Instance);
        return name is null ? null : ObjectKey.Of(obj.Metadata.Namespace, name);
    }

    /// <summary>Runs every informer until cancelled.</summary>
    public Task RunAsync(CancellationToken ct) => Task.WhenAll(_runs.Select(run => run(ct)));

    /// <summary>Completes once every cache holds its first list.</summary>
    public Task WaitForSyncAsync(CancellationToken ct) => Task.WhenAll(_syncs.Select(sync => sync(ct)));

    /// <summary>The cached owned objects of one kind, as planned objects are looked up for Apply and prune.</summary>
    public IKubernetesObject? Find(ResourceType type, string? ns, string name) => type.Kind switch
    {
        "StatefulSet" => StatefulSets.Get(ns, name),
        "Deployment" => Deployments.Get(ns, name),
        "Service" => Services.Get(ns, name),
        "ConfigMap" => ConfigMaps.Get(ns, name),
        "PodDisruptionBudget" => Budgets.Get(ns, name),
        _ => null,
    };

    /// <summary>Every cached object the cluster with this uid controls, of the kinds Apply may prune.</summary>
    public IEnumerable<IKubernetesObject> OwnedBy(string? ns, string uid)
    {
        IEnumerable<IKubernetesObject> all = [.. StatefulSets.List(ns), .. Deployments.List(ns), .. Services.List(ns),
            .. ConfigMaps.List(ns), .. Budgets.List(ns)];
        return all.Where(o => o.Metadata.OwnerReferences?.Any(r => r.Controller == true && r.Uid == uid) == true);
    }

    private NamespacedInformer<T> Owned<T>(KubeApiClient client, ResourceType type, IReadOnlyList<string>? namespaces,
        WorkQueue queue, ILoggerFactory loggers)
        where T : class, IKubernetesObject
    {
        var informer = Add<T>(client, type, namespaces, OwnedSelector, loggers);
        void Enqueue(T obj)
        {
            if (OwnerKey(obj) is { } key)
            {
                queue.Add(key);
            }
        }

        informer.AddHandler(Enqueue, (_, obj) => Enqueue(obj), Enqueue);
        return informer;
    }

    private NamespacedInformer<T> Add<T>(KubeApiClient client, ResourceType type, IReadOnlyList<string>? namespaces, string? selector,
        ILoggerFactory loggers)
        where T : class, IKubernetesObject
    {
        var informer = new NamespacedInformer<T>(client, type, namespaces, selector, loggers.CreateLogger($"informer.{type.Plural}"));
        _runs.Add(informer.RunAsync);
        _syncs.Add(informer.WaitForSyncAsync);
        return informer;
    }
}
