// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Import;

/// <summary>
/// One point read from an input file. Files without ids (fvecs, bvecs, npy) number points from a start id.
/// A JSONL line may give <paramref name="Text"/> instead of a vector (then <paramref name="Vector"/> is
/// empty): the collection's embedder turns it into one.
/// </summary>
public sealed record ImportRecord(PointId Id, float[] Vector, IReadOnlyDictionary<string, Value>? Payload, string? Text = null);
