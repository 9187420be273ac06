// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Apps;

/// <summary><c>apps/v1 StatefulSet</c>: pods with stable names and their own volumes (one per shard).</summary>
public sealed class StatefulSet : IKubernetesObject
{
    public string ApiVersion { get; set; } = "apps/v1";

    public string Kind { get; set; } = "StatefulSet";

    public ObjectMeta Metadata { get; set; } = new();

    public StatefulSetSpec? Spec { get; set; }

    public StatefulSetStatus? Status { get; set; }
}
