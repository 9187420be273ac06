// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Search;

/// <summary>
/// A search hit: cosine similarity, inner product or Euclidean distance as the collection's metric says.
/// <see cref="Vector"/> and <see cref="Payload"/> are null unless asked for.
/// </summary>
public sealed record ScoredPoint(PointId Id, float Score, float[]? Vector, IReadOnlyDictionary<string, PayloadValue>? Payload);
