// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Collections;

/// <summary>
/// Index settings of a collection. Zero (or null kind) means "the default"; <see cref="WithDefaults"/>
/// fills them in, and the defaults live only here.
/// </summary>
public sealed record IndexOptions
{
    /// <summary>
    /// The kind a collection gets when the request leaves it unset. Flat: results are exact and writes
    /// cheap; HNSW costs a graph build and memory, so a collection opts in (docs/engine.md, "HNSW").
    /// </summary>
    public const IndexKind DefaultKind = IndexKind.Flat;

    public const int DefaultM = 16;
    public const int DefaultEfConstruct = 200;
    public const int DefaultEf = 64;

    public const int MinM = 4;
    public const int MaxM = 128;
    public const int MinEfConstruct = 8;
    public const int MaxEfConstruct = 4096;
    public const int MaxEf = EngineLimits.MaxHnswEf;

    /// <summary>Every setting at its default.</summary>
    public static IndexOptions Default { get; } = new IndexOptions().WithDefaults();

    public IndexKind? Kind { get; init; }

    /// <summary>Links per node on upper HNSW layers (the bottom layer keeps 2·M); 4..128.</summary>
    public int M { get; init; }

    /// <summary>Candidate list size while building; 8..4096 and at least <see cref="M"/>.</summary>
    public int EfConstruct { get; init; }

    /// <summary>Default candidate list size while searching; 1..4096.</summary>
    public int Ef { get; init; }

    /// <summary>HNSW traverses int8 codes instead of floats and re-scores the best candidates with floats.</summary>
    public bool Int8Quantization { get; init; }

    /// <summary>A copy with every unset value at its default.</summary>
    public IndexOptions WithDefaults() => this with
    {
        Kind = Kind ?? DefaultKind,
        M = M == 0 ? DefaultM : M,
        EfConstruct = EfConstruct == 0 ? DefaultEfConstruct : EfConstruct,
        Ef = Ef == 0 ? DefaultEf : Ef,
    };

    /// <summary>Throws <see cref="EngineErrorKind.InvalidArgument"/> for a value out of range.</summary>
    public void Validate()
    {
        var o = WithDefaults();
        if (o.M is < MinM or > MaxM)
        {
            throw EngineException.InvalidArgument($"hnsw m is {o.M}; accepted: {MinM}..{MaxM}");
        }

        if (o.EfConstruct is < MinEfConstruct or > MaxEfConstruct || o.EfConstruct < o.M)
        {
            throw EngineException.InvalidArgument(
                $"hnsw ef_construct is {o.EfConstruct}; accepted: {MinEfConstruct}..{MaxEfConstruct} and at least m ({o.M})");
        }

        if (o.Ef is < 1 or > MaxEf)
        {
            throw EngineException.InvalidArgument($"hnsw ef is {o.Ef}; accepted: 1..{MaxEf}");
        }
    }
}
