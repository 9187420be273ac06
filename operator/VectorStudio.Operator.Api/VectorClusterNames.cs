// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Api;

/// <summary>
/// Names of the objects a VectorCluster owns. Pods of shard i are
/// <c>&lt;cluster&gt;-shard-&lt;i&gt;-&lt;ordinal&gt;</c> and resolve as
/// <c>&lt;pod&gt;.&lt;cluster&gt;-nodes.&lt;namespace&gt;.svc</c> through the headless Service.
/// </summary>
public static class VectorClusterNames
{
    /// <summary>
    /// Longest StatefulSet name: the StatefulSet controller labels pods with
    /// <c>controller-revision-hash: &lt;name&gt;-&lt;hash of up to 10 characters&gt;</c>, and label
    /// values stop at 63 characters: 63 - 1 - 10 = 52.
    /// </summary>
    public const int MaxStatefulSetNameLength = 52;

    public static string ShardStatefulSet(string cluster, int shard) => $"{cluster}-shard-{shard}";

    public static string ShardDisruptionBudget(string cluster, int shard) => $"{cluster}-shard-{shard}";

    public static string ShardPod(string cluster, int shard, int ordinal) => $"{cluster}-shard-{shard}-{ordinal}";

    /// <summary>Headless Service that gives every shard pod a stable DNS name (peer discovery).</summary>
    public static string HeadlessService(string cluster) => $"{cluster}-nodes";

    /// <summary>Client Service: any ready shard node accepts any request.</summary>
    public static string ClientService(string cluster) => cluster;

    public static string TopologyConfigMap(string cluster) => $"{cluster}-topology";

    public static string GeneratedAuthSecret(string cluster) => $"{cluster}-auth";

    public static string Embedder(string cluster) => $"{cluster}-embedder";

    /// <summary>The claim template name; PVCs are <c>data-&lt;pod&gt;</c>.</summary>
    public const string DataVolume = "data";
}
