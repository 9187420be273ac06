// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Controllers;

/// <summary>
/// Reconciles one VectorCluster: Observe (informer caches → <see cref="ObservedCluster"/>) → Plan
/// (<see cref="ClusterPlanner"/>, pure) → Apply (ordered, idempotent server-side applies, then
/// prune) → Report (status through <c>/status</c>, Events). The outcome is translated once here:
/// done (null), or "requeue after" a short delay for an optimistic-lock conflict, which is normal
/// traffic and not an error. Any other API error propagates, and the work queue requeues the key
/// with exponential backoff.
/// </summary>
public sealed partial class VectorClusterReconciler
{
    /// <summary>Requeue delay after a conflict: the cache catches up within a watch round trip.</summary>
    public static readonly TimeSpan ConflictRequeue = TimeSpan.FromMilliseconds(200);

    private readonly KubeApiClient _client;
    private readonly ClusterCaches _caches;
    private readonly EventRecorder _events;
    private readonly OperatorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _applied = new(StringComparer.Ordinal);

    public VectorClusterReconciler(KubeApiClient client, ClusterCaches caches, EventRecorder events,
        OperatorMetrics metrics, TimeProvider time, ILogger logger)
    {
        _client = client;
        _caches = caches;
        _events = events;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>Reconciles the cluster with this key; null when done, else when to look again.</summary>
    public async Task<TimeSpan?> ReconcileAsync(string key, CancellationToken ct)
    {
        var cluster = _caches.Clusters.Get(key);
        if (cluster is null || cluster.Metadata.DeletionTimestamp is not null)
        {
            // Deleted: owner references let the garbage collector remove what it owned, and each shard
            // StatefulSet's PVC retention policy applies the spec's storage delete policy.
            _metrics.Reconciled("deleted");
            return null;
        }

        try
        {
            var observed = await ObserveAsync(cluster, ct).ConfigureAwait(false);
            var desired = ClusterPlanner.Plan(cluster, observed, new PlanInputs(NewToken()));
            if (desired.HoldExisting)
            {
                await _events.RecordAsync(cluster, EventTypes.Warning, EventReasons.InvalidSpec, "Validate",
                    "spec is invalid, nothing was changed: " + string.Join("; ", desired.ValidationErrors), ct).ConfigureAwait(false);
            }
            else
            {
                await ApplyAsync(cluster, desired, ct).ConfigureAwait(false);
                await PruneAsync(cluster, desired, ct).ConfigureAwait(false);
            }

            await ReportAsync(cluster, observed, ct).ConfigureAwait(false);
            _metrics.Reconciled(desired.HoldExisting ? "invalid" : "ok");
            return null;
        }
        catch (KubeApiException ex) when (ex.IsConflict)
        {
            _logger.LogDebug("reconcile {Key}: conflict ({Message}); requeued", key, ex.Message);
            _metrics.Reconciled("conflict");
            return ConflictRequeue;
        }
        catch (KubeApiException)
        {
            _metrics.Reconciled("error");
            throw;
        }
    }

    private async Task<ObservedCluster> ObserveAsync(V1Alpha1VectorCluster cluster, CancellationToken ct)
    {
        var ns = cluster.Metadata.Namespace;
        var name = cluster.Metadata.Name!;
        var uid = cluster.Metadata.Uid;
        bool Mine(IKubernetesObject o) => o.Metadata.OwnerReferences?.Any(r => r.Controller == true && r.Uid == uid) == true;
        return new ObservedCluster
        {
            StatefulSets = [.. _caches.StatefulSets.List(ns).Where(Mine)],
            Pods = [.. _caches.Pods.List(ns).Where(p => p.Metadata.Labels?.GetValueOrDefault(ClusterLabels.Instance) == name)],
            Embedder = _caches.Deployments.Get(ns, VectorClusterNames.Embedder(name)) is { } d && Mine(d) ? d : null,
            GeneratedAuthSecretExists = cluster.Spec.Auth?.SecretName is null
                && await GeneratedSecretExistsAsync(ns, VectorClusterNames.GeneratedAuthSecret(name), ct).ConfigureAwait(false),
        };
    }

    // Secrets are not watched (RBAC grants get by name only), so ask each pass: a Secret deleted by hand is recreated.
    private async Task<bool> GeneratedSecretExistsAsync(string? ns, string name, CancellationToken ct)
        => await _client.GetOrNullAsync<Secret>(OwnedKinds.Secret, ns, name, ct).ConfigureAwait(false) is not null;

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
