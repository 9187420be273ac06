// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Core.Planning;

/// <summary>What one shard node reported about itself over its admin RPC.</summary>
/// <param name="PodName">The pod (and node id).</param>
/// <param name="IsPrimary">The node serves as its shard's primary.</param>
/// <param name="Term">The replication term the node is in.</param>
/// <param name="VectorCount">Points the node holds.</param>
public sealed record NodeReport(string PodName, bool IsPrimary, long Term, long VectorCount);
