// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary><c>v1 Service</c>: a stable name and virtual IP (or, headless, per-pod DNS) for selected pods.</summary>
public sealed class Service : IKubernetesObject
{
    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "Service";

    public ObjectMeta Metadata { get; set; } = new();

    public ServiceSpec? Spec { get; set; }
}
