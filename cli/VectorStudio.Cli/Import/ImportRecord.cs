// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Import;

/// <summary>One point read from an input file. Files without ids (fvecs, bvecs, npy) number points from a start id.</summary>
public sealed record ImportRecord(PointId Id, float[] Vector, IReadOnlyDictionary<string, Value>? Payload);
