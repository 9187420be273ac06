// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Apps;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Controllers;

/// <summary>Apply: create-only objects, then the planned objects in order, then prune.</summary>
public sealed partial class VectorClusterReconciler
{
    private async Task ApplyAsync(V1Alpha1VectorCluster cluster, DesiredCluster desired, CancellationToken ct)
    {
        foreach (var obj in desired.CreateOnly)
        {
            try
            {
                await _client.CreateAsync(OwnedKinds.Of(obj), obj.Metadata.Namespace, Json(obj), ct).ConfigureAwait(false);
                await RecordAsync(cluster, EventReasons.Created, "Create", $"created {Describe(obj)}", ct).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (ex.IsAlreadyExists)
            {
                // Created by an earlier pass whose read raced it: the existing token must stay.
            }
        }

        foreach (var obj in desired.Objects)
        {
            var type = OwnedKinds.Of(obj);
            var ns = obj.Metadata.Namespace;
            var name = obj.Metadata.Name!;
            var cached = _caches.Find(type, ns, name);
            if (cached is not null && JsonSubset.Contains(cached, obj))
            {
                continue;
            }

            var applied = await _client.ApplyAsync(type, ns, name, Json(obj), OwnedKinds.FieldManager, force: true, ct: ct)
                .ConfigureAwait(false);

            // The server answers a no-op apply with the version it had: no change, no event. The cache
            // may lag our own last write, so the version that write returned counts too.
            var version = applied["metadata"]?["resourceVersion"]?.GetValue<string>();
            var key = $"{type.Plural}/{ns}/{name}";
            if (version == cached?.Metadata.ResourceVersion || (_applied.TryGetValue(key, out var last) && last == version))
            {
                continue;
            }

            _applied[key] = version ?? "";
            var (reason, note) = Change(cached, obj);
            await RecordAsync(cluster, reason, reason == EventReasons.Created ? "Create" : "Update", note, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes owned objects the plan no longer holds (the embedder when the spec drops it, PDBs when
    /// disabled). Shards the plan retains (above the shard count, still holding data until the
    /// rebalance controller has moved it) keep their StatefulSet and PDB. An invalid spec never
    /// reaches here.
    /// </summary>
    private async Task PruneAsync(V1Alpha1VectorCluster cluster, DesiredCluster desired, CancellationToken ct)
    {
        var wanted = desired.Objects.Concat(desired.CreateOnly)
            .Select(o => (o.Kind, o.Metadata.Name)).ToHashSet();
        var retained = desired.RetainedShards.ToHashSet(StringComparer.Ordinal);
        var retainedIndices = _caches.StatefulSets.List(cluster.Metadata.Namespace)
            .Where(s => retained.Contains(s.Metadata.Name!))
            .Select(s => s.Metadata.Labels?.GetValueOrDefault(ClusterLabels.Shard))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var obj in _caches.OwnedBy(cluster.Metadata.Namespace, cluster.Metadata.Uid ?? "").ToList())
        {
            var shard = obj.Metadata.Labels?.GetValueOrDefault(ClusterLabels.Shard);
            if (wanted.Contains((obj.Kind, obj.Metadata.Name)) || (shard is not null && retainedIndices.Contains(shard)))
            {
                continue;
            }

            await _client.DeleteAsync(OwnedKinds.Of(obj), obj.Metadata.Namespace, obj.Metadata.Name!, ct: ct).ConfigureAwait(false);
            _logger.LogInformation("pruned {Object} of {Cluster}", Describe(obj), cluster.Metadata.Name);
            await RecordAsync(cluster, EventReasons.Pruned, "Delete", $"deleted {Describe(obj)}: the spec no longer asks for it", ct)
                .ConfigureAwait(false);
        }
    }

    private static (string Reason, string Note) Change(IKubernetesObject? before, IKubernetesObject after)
    {
        if (before is null)
        {
            return (EventReasons.Created, $"created {Describe(after)}");
        }

        if (before is StatefulSet { Spec.Replicas: var was } && after is StatefulSet { Spec.Replicas: var now } && was != now)
        {
            return (EventReasons.Scaled, string.Create(CultureInfo.InvariantCulture,
                $"scaled {Describe(after)} from {was ?? 1} to {now ?? 1} replicas"));
        }

        return (EventReasons.Updated, $"updated {Describe(after)}");
    }

    private Task RecordAsync(V1Alpha1VectorCluster cluster, string reason, string action, string note, CancellationToken ct)
        => _events.RecordAsync(cluster, EventTypes.Normal, reason, action, note, ct);

    // Planned objects are typed by their interface; the client (de)serialises by its type argument, so
    // each object travels as JSON of its runtime type.
    private static JsonObject Json(IKubernetesObject obj)
        => JsonSerializer.SerializeToNode(obj, obj.GetType(), KubeJson.Options)!.AsObject();

    private static string Describe(IKubernetesObject obj) => $"{obj.Kind} {obj.Metadata.Name}";
}
