// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Models;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;
using VectorStudio.Operator.Core.Status;

namespace VectorStudio.Operator.Controllers;

/// <summary>Report: the status through the <c>/status</c> subresource, and phase-change Events.</summary>
public sealed partial class VectorClusterReconciler
{
    /// <summary>
    /// Computes the status (pure, in Core), skips the write when it equals what the resource already
    /// shows, and otherwise re-reads and replaces <c>/status</c> with the version read, retrying on
    /// conflict. A newer generation read back means the spec moved on: the status is not written
    /// (it would describe the old spec) and the watch event for that edit brings the key back.
    /// </summary>
    private async Task ReportAsync(V1Alpha1VectorCluster cluster, ObservedCluster observed, CancellationToken ct)
    {
        // Whole seconds: the API server stores condition times with second precision, so a finer
        // time would never compare equal and every pass would write.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var status = ClusterStatusCalculator.Compute(cluster, observed, now);
        if (Same(status, cluster.Status))
        {
            return;
        }

        var ns = cluster.Metadata.Namespace;
        var name = cluster.Metadata.Name!;
        var wrote = false;
        await ConflictRetry.UpdateAsync<V1Alpha1VectorCluster>(_client, OwnedKinds.VectorCluster, ns, name,
            current =>
            {
                wrote = false;
                if (current.Metadata.Generation != cluster.Metadata.Generation || Same(status, current.Status))
                {
                    return false;
                }

                current.Status = status;
                wrote = true;
                return true;
            },
            status: true, time: _time, ct: ct).ConfigureAwait(false);
        if (!wrote)
        {
            return;
        }

        await RecordPhaseAsync(cluster, cluster.Status?.Phase, status, ct).ConfigureAwait(false);
    }

    private async Task RecordPhaseAsync(V1Alpha1VectorCluster cluster, ClusterPhase? before,
        V1Alpha1VectorCluster.ClusterStatus after, CancellationToken ct)
    {
        if (before == after.Phase)
        {
            return;
        }

        switch (after.Phase)
        {
            case ClusterPhase.Ready:
                await _events.RecordAsync(cluster, EventTypes.Normal, EventReasons.Ready, "Report",
                    $"all {after.ReadyShards} shards are ready", ct).ConfigureAwait(false);
                break;
            case ClusterPhase.Degraded:
                await _events.RecordAsync(cluster, EventTypes.Warning, EventReasons.Degraded, "Report",
                    after.PhaseReason ?? "degraded", ct).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private static bool Same(V1Alpha1VectorCluster.ClusterStatus next, V1Alpha1VectorCluster.ClusterStatus? current)
        => current is not null
        && JsonSerializer.Serialize(next, KubeJson.Options) == JsonSerializer.Serialize(current, KubeJson.Options);
}
