// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace VectorStudio.Operator.Api;

/// <summary>The persistent volume of each shard pod.</summary>
public sealed class StorageSpec
{
    [Description("Size of each shard pod's volume, a Kubernetes quantity such as 10Gi. Read when a shard's "
        + "StatefulSet is created: claim templates are immutable, so a later change does not resize existing volumes.")]
    [RegularExpression(VectorClusterDefaults.QuantityPattern)]
    public string? Size { get; set; }

    [Description("Storage class of the volumes; unset uses the cluster's default class. Read at creation, "
        + "like size.")]
    public string? StorageClassName { get; set; }

    [Description("Retain (default): the PersistentVolumeClaims outlive the VectorCluster and keep the data; "
        + "Delete: they are deleted with it.")]
    public StorageDeletePolicy? DeletePolicy { get; set; }
}
