// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Core;

namespace VectorStudio.Kube.Models.Apps;

/// <summary>The Deployment fields the operator sets.</summary>
public sealed class DeploymentSpec
{
    public int? Replicas { get; set; }

    public LabelSelector Selector { get; set; } = new();

    public PodTemplateSpec Template { get; set; } = new();

    public int? RevisionHistoryLimit { get; set; }
}
