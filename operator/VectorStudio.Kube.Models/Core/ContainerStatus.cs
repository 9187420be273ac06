// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Observed state of one container of a pod.</summary>
public sealed class ContainerStatus
{
    public string Name { get; set; } = "";

    public bool Ready { get; set; }

    public bool? Started { get; set; }

    public int RestartCount { get; set; }

    public string? Image { get; set; }
}
