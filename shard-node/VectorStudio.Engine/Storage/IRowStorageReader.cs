// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Storage;

/// <summary>
/// Storage read row by row: each slot's vector is <see cref="IVectorStorageReader.Dimension"/> contiguous
/// floats at an address that never moves, so a graph reads one vector as a few whole cache lines.
/// </summary>
internal unsafe interface IRowStorageReader : IVectorStorageReader
{
    /// <summary>The first float of a slot's vector (slots below the capacity; unwritten rows are zero).</summary>
    float* Row(int slot);

    /// <summary>A slot's vector in place.</summary>
    ReadOnlySpan<float> Vector(int slot);
}
