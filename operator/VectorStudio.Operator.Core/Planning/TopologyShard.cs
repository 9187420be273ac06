// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Core.Planning;

/// <summary>One shard of the topology document.</summary>
/// <param name="Shard">Shard index.</param>
/// <param name="Pods">Pod names, ordinal order.</param>
/// <param name="Addresses">gRPC addresses (<c>host:port</c>) through the headless Service, same order.</param>
public sealed record TopologyShard(int Shard, IReadOnlyList<string> Pods, IReadOnlyList<string> Addresses);
