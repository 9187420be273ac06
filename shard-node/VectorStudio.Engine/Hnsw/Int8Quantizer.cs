// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// Global scalar quantization to int8: <c>code = round((x − Offset) / Scale)</c> clamped to ±127, one
/// offset and scale for every dimension, so distances on codes are plain integer sums.
/// </summary>
/// <remarks>
/// Euclid centres the range (<c>Offset</c> = mid-range): squared distances of codes are the squared
/// distances of the vectors divided by Scale², whatever the offset. Inner products need Offset = 0 to
/// stay proportional, so dot and cosine scale by the largest magnitude. A global scale rather than a
/// per-dimension one keeps the kernel a pure integer sum; the cost is precision on dimensions with a
/// narrow range, which re-scoring the best candidates with the original floats recovers. The range
/// is fixed from the first batch the index sees; later values outside it are clamped.
/// </remarks>
internal sealed record Int8Quantizer(float Offset, float Scale)
{
    /// <summary>Fits the range of <paramref name="vectors"/>; <paramref name="centred"/> for Euclid.</summary>
    public static Int8Quantizer Fit(IEnumerable<float[]> vectors, bool centred)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var v in vectors)
        {
            Extend(v, ref min, ref max);
        }

        return FromRange(min, max, centred);
    }

    /// <summary>Fits the range of the given slots' vectors in <paramref name="vectors"/>.</summary>
    public static Int8Quantizer Fit(IRowStorageReader vectors, IEnumerable<int> slots, bool centred)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var slot in slots)
        {
            Extend(vectors.Vector(slot), ref min, ref max);
        }

        return FromRange(min, max, centred);
    }

    private static void Extend(ReadOnlySpan<float> vector, ref float min, ref float max)
    {
        foreach (var x in vector)
        {
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
    }

    private static Int8Quantizer FromRange(float min, float max, bool centred)
    {
        if (!float.IsFinite(min))
        {
            return new Int8Quantizer(0, 1);
        }

        var offset = centred ? (min + max) / 2 : 0;
        var half = centred ? (max - min) / 2 : Math.Max(Math.Abs(min), Math.Abs(max));
        return new Int8Quantizer(offset, half > 0 ? half / 127 : 1);
    }

    /// <summary>Encodes a vector into <paramref name="codes"/> (padding bytes are left as they are).</summary>
    public void Encode(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var inverse = 1 / Scale;
        for (var j = 0; j < vector.Length; j++)
        {
            var q = MathF.Round((vector[j] - Offset) * inverse);
            codes[j] = (sbyte)Math.Clamp(q, -127, 127);
        }
    }
}
