// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Hnsw;

/// <summary>What a graph is built with.</summary>
/// <param name="Dimension">Floats per vector.</param>
/// <param name="Euclidean">Squared Euclidean distance; otherwise the negated inner product.</param>
/// <param name="M">Links per node on upper levels; level 0 keeps 2·M.</param>
/// <param name="EfConstruct">Candidate list size while linking.</param>
/// <param name="Quantizer">Rows are int8 codes when set.</param>
/// <param name="Seed">Seeds the level draw.</param>
internal sealed record HnswGraphOptions(
    int Dimension, bool Euclidean, int M, int EfConstruct, Int8Quantizer? Quantizer, ulong Seed = 42);
