// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Collections;

/// <summary>What a collection is created with.</summary>
/// <param name="Name">1..64 characters from [A-Za-z0-9_-], starting with a letter or digit.</param>
/// <param name="Dimension">Vector length, 1..65,536.</param>
/// <param name="Metric">How vectors are compared.</param>
/// <param name="Index">Index settings; null means every default.</param>
/// <param name="Durability">Fsync policy of its log records; null means the database's default.</param>
/// <param name="Embedder">The embedder that turns its points' text into vectors; null when it has none.</param>
public sealed record CollectionConfig(
    string Name,
    int Dimension,
    DistanceMetric Metric,
    IndexOptions? Index = null,
    DurabilityOptions? Durability = null,
    EmbedderBinding? Embedder = null)
{
    /// <summary>Throws <see cref="EngineErrorKind.InvalidArgument"/> naming the first bad setting.</summary>
    public void Validate()
    {
        CollectionNames.Validate(Name);
        if (Dimension is < 1 or > EngineLimits.MaxDimension)
        {
            throw EngineException.InvalidArgument(
                $"dimension is {Dimension}; accepted: 1..{EngineLimits.MaxDimension}");
        }

        if (!Enum.IsDefined(Metric))
        {
            throw EngineException.InvalidArgument($"distance {(int)Metric} is unknown; accepted: Cosine, Dot, Euclid");
        }

        if (Index?.Kind is { } kind && !Enum.IsDefined(kind))
        {
            throw EngineException.InvalidArgument($"index kind {(int)kind} is unknown; accepted: Flat, Hnsw");
        }

        (Index ?? IndexOptions.Default).Validate();
        Durability?.Validate();
        Embedder?.Validate();
    }

    /// <summary>A copy with the index defaults filled in.</summary>
    public CollectionConfig WithDefaults() => this with { Index = (Index ?? IndexOptions.Default).WithDefaults() };
}
