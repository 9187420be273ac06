// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Operator.Api;

/// <summary>The one-word summary of a VectorCluster's state (see <see cref="ConditionTypes"/> for detail).</summary>
public enum ClusterPhase
{
    /// <summary>Accepted; no workload observed yet.</summary>
    [JsonStringEnumMemberName("Pending")]
    Pending,

    /// <summary>Workloads exist; some shard has no ready replica yet.</summary>
    [JsonStringEnumMemberName("Provisioning")]
    Provisioning,

    /// <summary>Every replica of every shard (and the embedder) is ready and up to date.</summary>
    [JsonStringEnumMemberName("Ready")]
    Ready,

    /// <summary>A spec change (scale, image, resources) is rolling out.</summary>
    [JsonStringEnumMemberName("Updating")]
    Updating,

    /// <summary>Serving with fewer ready replicas than asked for, or a shard is unavailable.</summary>
    [JsonStringEnumMemberName("Degraded")]
    Degraded,

    /// <summary>The spec is invalid; nothing was changed. The Ready condition says what to fix.</summary>
    [JsonStringEnumMemberName("Invalid")]
    Invalid,
}
