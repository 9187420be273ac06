// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Export;

/// <summary>
/// The value list a <c>tf.train.Feature</c> holds (its oneof <c>kind</c>, with the field numbers as values).
/// </summary>
public enum TfFeatureKind
{
    BytesList = 1,
    FloatList = 2,
    Int64List = 3,
}
