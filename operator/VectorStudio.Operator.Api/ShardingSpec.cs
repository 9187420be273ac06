// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using VectorStudio.Operator.Api.Schema;

namespace VectorStudio.Operator.Api;

/// <summary>How ids map to shards.</summary>
public sealed class ShardingSpec
{
    [Description("consistentHash (MurmurHash3 ring with virtual nodes), hash (modulo shard count) or range. "
        + "Fixed at creation: changing it would move every point.")]
    [CelRule("self == oldSelf", "sharding.strategy cannot change after creation; create a new VectorCluster "
        + "and re-import instead")]
    public ShardingStrategy? Strategy { get; set; }

    [Description("consistentHash only: ring points per shard. More points spread data more evenly.")]
    [Range(1, 4096)]
    public int? VirtualNodes { get; set; }
}
