// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// A written point waiting to be linked into the graph, with the slot version it was written at; its
/// vector is the slot's row in the collection's store.
/// </summary>
internal sealed record PendingPoint(int Slot, int Version);
