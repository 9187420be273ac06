// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Export;

/// <summary>One <c>tf.train.Feature</c>: a list of byte strings, floats or int64s.</summary>
public sealed class TfFeature
{
    private TfFeature(TfFeatureKind kind, IReadOnlyList<byte[]> bytes, float[] floats, long[] int64s)
    {
        Kind = kind;
        Bytes = bytes;
        Floats = floats;
        Int64s = int64s;
    }

    public TfFeatureKind Kind { get; }

    /// <summary>The values when <see cref="Kind"/> is <see cref="TfFeatureKind.BytesList"/>, else empty.</summary>
    public IReadOnlyList<byte[]> Bytes { get; }

    /// <summary>The values when <see cref="Kind"/> is <see cref="TfFeatureKind.FloatList"/>, else empty.</summary>
    public float[] Floats { get; }

    /// <summary>The values when <see cref="Kind"/> is <see cref="TfFeatureKind.Int64List"/>, else empty.</summary>
    public long[] Int64s { get; }

    public static TfFeature OfBytes(params byte[][] values) => new(TfFeatureKind.BytesList, values, [], []);

    public static TfFeature OfText(string value) => OfBytes(System.Text.Encoding.UTF8.GetBytes(value));

    public static TfFeature OfFloats(float[] values) => new(TfFeatureKind.FloatList, [], values, []);

    public static TfFeature OfInt64s(params long[] values) => new(TfFeatureKind.Int64List, [], [], values);
}
