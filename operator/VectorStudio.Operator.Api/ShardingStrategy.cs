// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Operator.Api;

/// <summary>How ids map to shards (DESIGN.md, Sharding).</summary>
public enum ShardingStrategy
{
    /// <summary>MurmurHash3 ring with virtual nodes: a shard-count change moves about 1/n of the data.</summary>
    [JsonStringEnumMemberName("consistentHash")]
    ConsistentHash,

    /// <summary>Hash modulo the shard count: even, but a shard-count change moves most data.</summary>
    [JsonStringEnumMemberName("hash")]
    Hash,

    /// <summary>Contiguous id ranges per shard.</summary>
    [JsonStringEnumMemberName("range")]
    Range,
}
