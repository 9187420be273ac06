// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Api;

/// <summary>Condition reasons (CamelCase, as Kubernetes expects): named here, never inline.</summary>
public static class ConditionReasons
{
    /// <summary>Ready=True: every replica of every shard is ready.</summary>
    public const string AllReplicasReady = "AllReplicasReady";

    /// <summary>Ready=False: some replicas are not ready.</summary>
    public const string ReplicasNotReady = "ReplicasNotReady";

    /// <summary>Ready=False, Degraded=True: a shard has no ready replica, so its data is unreachable.</summary>
    public const string ShardUnavailable = "ShardUnavailable";

    /// <summary>Ready/Degraded: the embedder has fewer ready replicas than asked for.</summary>
    public const string EmbedderNotReady = "EmbedderNotReady";

    /// <summary>Ready=False, Progressing=False: the spec is invalid; the message says what to change.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>Progressing=True: workloads are being created.</summary>
    public const string Provisioning = "Provisioning";

    /// <summary>Progressing=True: the replica count of a shard is changing.</summary>
    public const string Scaling = "Scaling";

    /// <summary>Progressing=True: pods are being replaced with a new template (image, resources, args).</summary>
    public const string RollingUpdate = "RollingUpdate";

    /// <summary>
    /// Progressing=True: shards above the new count still exist and wait for the rebalance controller.
    /// </summary>
    public const string ShardRemovalPending = "ShardRemovalPending";

    /// <summary>Progressing=False: everything observed matches the spec.</summary>
    public const string RolloutComplete = "RolloutComplete";

    /// <summary>Degraded=False: nothing is missing.</summary>
    public const string AsExpected = "AsExpected";
}
