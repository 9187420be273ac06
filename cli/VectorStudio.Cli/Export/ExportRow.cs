// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Export;

/// <summary>One exported point: its id, vector and label (null when exported without labels).</summary>
internal sealed record ExportRow(PointId Id, float[] Vector, ExportLabel? Label);

/// <summary>A label taken from the payload: text or an integer, never both.</summary>
internal readonly record struct ExportLabel(string? Text, long? Number);
