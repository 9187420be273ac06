// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Distance;

/// <summary>How two vectors are compared; the score a search returns is this function's value.</summary>
public enum DistanceMetric
{
    /// <summary>Cosine similarity in [-1, 1]; higher is closer. Vectors are normalised when stored.</summary>
    Cosine,

    /// <summary>Inner product; higher is closer.</summary>
    Dot,

    /// <summary>Euclidean (L2) distance; lower is closer.</summary>
    Euclid,
}
