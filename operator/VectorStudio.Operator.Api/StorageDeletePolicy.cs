// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Operator.Api;

/// <summary>What happens to a shard's volumes when the VectorCluster is deleted.</summary>
public enum StorageDeletePolicy
{
    /// <summary>Keep the PersistentVolumeClaims (and data); delete them by hand.</summary>
    [JsonStringEnumMemberName("Retain")]
    Retain,

    /// <summary>Delete the PersistentVolumeClaims with the StatefulSets.</summary>
    [JsonStringEnumMemberName("Delete")]
    Delete,
}
