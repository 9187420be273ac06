// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Apps;

/// <summary><c>apps/v1 Deployment</c>: stateless replicas (the embedder).</summary>
public sealed class Deployment : IKubernetesObject
{
    public string ApiVersion { get; set; } = "apps/v1";

    public string Kind { get; set; } = "Deployment";

    public ObjectMeta Metadata { get; set; } = new();

    public DeploymentSpec? Spec { get; set; }

    public DeploymentStatus? Status { get; set; }
}
