// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Operator.Api;

/// <summary>When a shard's primary acknowledges a write.</summary>
public enum ReplicationMode
{
    /// <summary>After the primary's write-ahead log: fastest; a failover can lose the last writes.</summary>
    [JsonStringEnumMemberName("async")]
    Async,

    /// <summary>After every in-sync replica: no acknowledged write is lost by a failover.</summary>
    [JsonStringEnumMemberName("sync")]
    Sync,

    /// <summary>After <c>minReplicas</c> replicas besides the primary.</summary>
    [JsonStringEnumMemberName("semiSync")]
    SemiSync,
}
