// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Mount an existing claim.</summary>
public sealed class PersistentVolumeClaimVolumeSource
{
    public string ClaimName { get; set; } = "";

    public bool? ReadOnly { get; set; }
}
