// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Payload;

namespace VectorStudio.Engine.Storage;

/// <summary>A point to upsert: id, vector (exactly the collection's dimension, finite) and payload.</summary>
public sealed record PointStruct(PointId Id, ReadOnlyMemory<float> Vector, IReadOnlyDictionary<string, PayloadValue>? Payload = null);
