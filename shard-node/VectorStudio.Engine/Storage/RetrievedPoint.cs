// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Payload;

namespace VectorStudio.Engine.Storage;

/// <summary>
/// A stored point as get and scroll return it. <see cref="Vector"/> is the vector as stored (unit length
/// in a cosine collection); it and <see cref="Payload"/> are null unless asked for.
/// </summary>
public sealed record RetrievedPoint(PointId Id, float[]? Vector, IReadOnlyDictionary<string, PayloadValue>? Payload);
