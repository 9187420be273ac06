// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Operator.Api;

/// <summary>How strongly a shard's replicas are spread over nodes.</summary>
public enum AntiAffinityMode
{
    /// <summary>The scheduler avoids putting two replicas of a shard on one node when it can.</summary>
    [JsonStringEnumMemberName("preferred")]
    Preferred,

    /// <summary>Never two replicas of a shard on one node; pods stay Pending if nodes run out.</summary>
    [JsonStringEnumMemberName("required")]
    Required,

    /// <summary>No spreading rule.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}
