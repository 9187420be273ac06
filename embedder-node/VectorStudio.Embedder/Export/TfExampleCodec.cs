// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Embedder.Export;

/// <summary>
/// Encodes and decodes <c>tf.train.Example</c> (tensorflow/core/example/example.proto, feature.proto) by
/// hand with Google.Protobuf's coded streams: <c>Example{Features features = 1}</c>,
/// <c>Features{map&lt;string, Feature&gt; feature = 1}</c>, <c>Feature{oneof kind: BytesList bytes_list = 1;
/// FloatList float_list = 2; Int64List int64_list = 3}</c>, each list <c>repeated … value = 1</c> (floats and
/// int64s packed).
/// </summary>
public static class TfExampleCodec
{
    private const int ValueField = 1;

    /// <summary>The serialized Example holding <paramref name="features"/>, in their enumeration order.</summary>
    public static byte[] Encode(IEnumerable<KeyValuePair<string, TfFeature>> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var entries = features.Select(f => (f.Key, f.Value, Size: EntrySize(f.Key, f.Value))).ToArray();
        int featuresSize = entries.Sum(e => Nested(1, e.Size));
        var buffer = new byte[Nested(1, featuresSize)];
        var output = new CodedOutputStream(buffer);
        WriteHeader(output, 1, featuresSize); // Example.features
        foreach (var (key, feature, size) in entries)
        {
            WriteHeader(output, 1, size); // Features.feature map entry
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(key);
            WriteHeader(output, 2, FeatureSize(feature));
            WriteFeature(output, feature);
        }

        output.CheckNoSpaceLeft();
        return buffer;
    }

    /// <summary>The features of a serialized Example; unknown fields are skipped.</summary>
    public static IReadOnlyDictionary<string, TfFeature> Decode(byte[] example)
    {
        try
        {
            var features = new Dictionary<string, TfFeature>(StringComparer.Ordinal);
            var input = new CodedInputStream(example);
            while (input.ReadTag() is var tag && tag != 0)
            {
                if (tag == WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited))
                {
                    DecodeFeatures(input.ReadBytes().ToByteArray(), features);
                }
                else
                {
                    input.SkipLastField();
                }
            }

            return features;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TfRecordFormatException($"The record is not a valid tf.train.Example: {e.Message}", e);
        }
    }

    private static void DecodeFeatures(byte[] bytes, Dictionary<string, TfFeature> features)
    {
        var input = new CodedInputStream(bytes);
        while (input.ReadTag() is var tag && tag != 0)
        {
            if (tag != WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited))
            {
                input.SkipLastField();
                continue;
            }

            var entry = new CodedInputStream(input.ReadBytes().ToByteArray());
            string key = "";
            TfFeature? value = null;
            while (entry.ReadTag() is var entryTag && entryTag != 0)
            {
                switch (WireFormat.GetTagFieldNumber(entryTag))
                {
                    case 1: key = entry.ReadString(); break;
                    case 2: value = DecodeFeature(entry.ReadBytes().ToByteArray()); break;
                    default: entry.SkipLastField(); break;
                }
            }

            features[key] = value ?? throw new TfRecordFormatException($"Feature '{key}' has no value.");
        }
    }

    private static TfFeature DecodeFeature(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        TfFeature? feature = null;
        while (input.ReadTag() is var tag && tag != 0)
        {
            int field = WireFormat.GetTagFieldNumber(tag);
            if (field is < 1 or > 3 || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
            {
                input.SkipLastField();
                continue;
            }

            var list = new CodedInputStream(input.ReadBytes().ToByteArray());
            feature = (TfFeatureKind)field switch
            {
                TfFeatureKind.BytesList =>
                    TfFeature.OfBytes([.. ReadValues(list, static s => s.ReadBytes().ToByteArray())]),
                TfFeatureKind.FloatList => TfFeature.OfFloats([.. ReadValues(list, static s => s.ReadFloat())]),
                TfFeatureKind.Int64List => TfFeature.OfInt64s([.. ReadValues(list, static s => s.ReadInt64())]),
            };
        }

        return feature ?? throw new TfRecordFormatException("A feature holds no value list.");
    }

    /// <summary>Reads field 1 values, packed or not.</summary>
    private static List<T> ReadValues<T>(CodedInputStream input, Func<CodedInputStream, T> read)
    {
        var values = new List<T>();
        while (input.ReadTag() is var tag && tag != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != ValueField)
            {
                input.SkipLastField();
            }
            else if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited
                && typeof(T) != typeof(byte[]))
            {
                var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
                while (!packed.IsAtEnd)
                {
                    values.Add(read(packed));
                }
            }
            else
            {
                values.Add(read(input));
            }
        }

        return values;
    }

    private static void WriteFeature(CodedOutputStream output, TfFeature feature)
    {
        WriteHeader(output, (int)feature.Kind, ListSize(feature));
        switch (feature.Kind)
        {
            case TfFeatureKind.BytesList:
                foreach (var value in feature.Bytes)
                {
                    output.WriteTag(ValueField, WireFormat.WireType.LengthDelimited);
                    output.WriteBytes(ByteString.CopyFrom(value));
                }

                break;
            case TfFeatureKind.FloatList when feature.Floats.Length > 0:
                WriteHeader(output, ValueField, feature.Floats.Length * sizeof(float));
                foreach (var value in feature.Floats)
                {
                    output.WriteFloat(value);
                }

                break;
            case TfFeatureKind.Int64List when feature.Int64s.Length > 0:
                WriteHeader(output, ValueField, feature.Int64s.Sum(CodedOutputStream.ComputeInt64Size));
                foreach (var value in feature.Int64s)
                {
                    output.WriteInt64(value);
                }

                break;
            case TfFeatureKind.FloatList or TfFeatureKind.Int64List:
                break; // an empty packed list is no field at all
        }
    }

    private static int ListSize(TfFeature feature) => feature.Kind switch
    {
        TfFeatureKind.BytesList => feature.Bytes.Sum(v => 1 + CodedOutputStream.ComputeLengthSize(v.Length) + v.Length),
        TfFeatureKind.FloatList => feature.Floats.Length == 0 ? 0
            : Nested(ValueField, feature.Floats.Length * sizeof(float)),
        TfFeatureKind.Int64List => feature.Int64s.Length == 0 ? 0
            : Nested(ValueField, feature.Int64s.Sum(CodedOutputStream.ComputeInt64Size)),
    };

    private static int FeatureSize(TfFeature feature) => Nested((int)feature.Kind, ListSize(feature));

    private static int EntrySize(string key, TfFeature feature) =>
        1 + CodedOutputStream.ComputeStringSize(key) + Nested(2, FeatureSize(feature));

    /// <summary>Bytes of a length-delimited field (tag, length, body); field numbers here fit a one-byte tag.</summary>
    private static int Nested(int field, int size) =>
        CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeLengthSize(size) + size;

    private static void WriteHeader(CodedOutputStream output, int field, int size)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteLength(size);
    }
}
