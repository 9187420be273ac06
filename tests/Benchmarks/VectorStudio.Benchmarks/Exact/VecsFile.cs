// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;

namespace VectorStudio.Benchmarks.Exact;

/// <summary>
/// Reads the TEXMEX vector formats: per vector a little-endian int32 dimension, then that many float32
/// (.fvecs) or unsigned bytes (.bvecs), returned as floats.
/// </summary>
public static class VecsFile
{
    public static float[][] Read(string path, int limit = int.MaxValue)
    {
        var bytesPerElement = path.EndsWith(".bvecs", StringComparison.OrdinalIgnoreCase) ? 1
            : path.EndsWith(".fvecs", StringComparison.OrdinalIgnoreCase) ? 4
            : throw new ArgumentException($"{path}: expected a .fvecs or .bvecs file");
        var data = File.ReadAllBytes(path);
        var vectors = new List<float[]>();
        var offset = 0;
        while (offset < data.Length && vectors.Count < limit)
        {
            var dimension = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset));
            offset += 4;
            var vector = new float[dimension];
            for (var j = 0; j < dimension; j++, offset += bytesPerElement)
            {
                vector[j] = bytesPerElement == 1 ? data[offset] : BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(offset));
            }

            vectors.Add(vector);
        }

        return [.. vectors];
    }
}
