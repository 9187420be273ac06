// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;

namespace VectorStudio.Embedder.Export;

/// <summary>
/// One training row: an embedding with an optional label (text → <c>bytes_list</c>, number →
/// <c>int64_list</c>) and an optional id, stored as the <c>tf.train.Example</c> features
/// "embedding", "label" and "id".
/// </summary>
public sealed record TrainingExample(
    float[] Embedding,
    string? TextLabel = null,
    long? NumericLabel = null,
    string? Id = null)
{
    public const string EmbeddingFeature = "embedding";
    public const string LabelFeature = "label";
    public const string IdFeature = "id";

    /// <summary>The Example's features, "embedding" first.</summary>
    public IEnumerable<KeyValuePair<string, TfFeature>> ToFeatures()
    {
        if (TextLabel is not null && NumericLabel is not null)
        {
            throw new ArgumentException("A training example has one label: text or number, not both.");
        }

        yield return new(EmbeddingFeature, TfFeature.OfFloats(Embedding));
        if (TextLabel is not null)
        {
            yield return new(LabelFeature, TfFeature.OfText(TextLabel));
        }
        else if (NumericLabel is { } number)
        {
            yield return new(LabelFeature, TfFeature.OfInt64s(number));
        }

        if (Id is not null)
        {
            yield return new(IdFeature, TfFeature.OfText(Id));
        }
    }

    /// <summary>Reads the features back; an Example without a float "embedding" is an error.</summary>
    public static TrainingExample FromFeatures(IReadOnlyDictionary<string, TfFeature> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!features.TryGetValue(EmbeddingFeature, out var embedding) || embedding.Kind != TfFeatureKind.FloatList)
        {
            throw new TfRecordFormatException("The Example has no float_list feature \"embedding\".");
        }

        string? text = null;
        long? number = null;
        if (features.TryGetValue(LabelFeature, out var label))
        {
            (text, number) = label.Kind switch
            {
                TfFeatureKind.BytesList => (Encoding.UTF8.GetString(Single(label.Bytes)), (long?)null),
                TfFeatureKind.Int64List => (null, Single(label.Int64s)),
                TfFeatureKind.FloatList => throw new TfRecordFormatException(
                    "The \"label\" feature is a float_list; expected bytes_list or int64_list."),
            };
        }

        string? id = features.TryGetValue(IdFeature, out var idFeature)
            ? Encoding.UTF8.GetString(Single(idFeature.Bytes))
            : null;
        return new TrainingExample(embedding.Floats, text, number, id);
    }

    public bool Equals(TrainingExample? other) =>
        other is not null && Embedding.AsSpan().SequenceEqual(other.Embedding) && TextLabel == other.TextLabel
        && NumericLabel == other.NumericLabel && Id == other.Id;

    public override int GetHashCode() => HashCode.Combine(Embedding.Length, NumericLabel);

    private static T Single<T>(IReadOnlyList<T> values) =>
        values.Count == 1 ? values[0] : throw new TfRecordFormatException($"Expected one value, found {values.Count}.");
}
