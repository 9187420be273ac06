// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Storage;

/// <summary>Writes to vector storage; callers hold the collection's write lock.</summary>
internal interface IVectorStorageWriter
{
    /// <summary>Stores <paramref name="vector"/> (already normalised when the metric asks) in a slot.</summary>
    void Write(int slot, ReadOnlySpan<float> vector);

    /// <summary>Marks a slot live or deleted.</summary>
    void SetLive(int slot, bool live);

    /// <summary>Bytes held by vectors, norms and the live set.</summary>
    long AllocatedBytes { get; }
}
