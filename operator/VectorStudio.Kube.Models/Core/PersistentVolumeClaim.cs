// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary><c>v1 PersistentVolumeClaim</c>: a request for storage (a StatefulSet's claim template).</summary>
public sealed class PersistentVolumeClaim : IKubernetesObject
{
    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "PersistentVolumeClaim";

    public ObjectMeta Metadata { get; set; } = new();

    public PersistentVolumeClaimSpec? Spec { get; set; }
}
