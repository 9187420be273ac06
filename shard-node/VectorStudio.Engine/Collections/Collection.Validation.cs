// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Collections;

/// <summary>Checks of writes that need no lock: points, vectors, ids.</summary>
public sealed partial class Collection
{
    /// <summary>Checks what needs no lock; returns the payload's encoded size.</summary>
    private int ValidatePoint(PointStruct point, int index)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!point.Id.IsNumber)
        {
            // Only a string id can be invalid; the description is built for it alone (not per numeric point).
            point.Id.Validate($"point {index} ({point.Id})");
        }

        var vector = point.Vector.Span;
        if (vector.Length != Dimension)
        {
            throw EngineException.InvalidArgument(
                $"vector {index} has dimension {vector.Length}; collection '{Name}' expects {Dimension}");
        }

        if (!AllFinite(vector))
        {
            ValidateFinite(vector, $"vector {index}");
        }

        var bytes = PayloadSize.Of(point.Payload);
        if (bytes > EngineLimits.MaxPayloadBytes)
        {
            throw EngineException.InvalidArgument(
                $"point {index} ({point.Id}) has a payload of {bytes} bytes; accepted: at most {EngineLimits.MaxPayloadBytes}");
        }

        return bytes;
    }

    private static void ValidateFinite(ReadOnlySpan<float> vector, string what)
    {
        for (var j = 0; j < vector.Length; j++)
        {
            if (!float.IsFinite(vector[j]))
            {
                throw EngineException.InvalidArgument(
                    $"{what} has {vector[j]} at position {j}; accepted: finite numbers");
            }
        }
    }

    private static bool AllFinite(ReadOnlySpan<float> vector)
    {
        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidateIds(IReadOnlyList<PointId> ids, string operation)
    {
        if (ids.Count is 0 or > EngineLimits.MaxBatchPoints)
        {
            throw EngineException.InvalidArgument(
                $"{operation} lists {ids.Count} ids; accepted: 1..{EngineLimits.MaxBatchPoints}");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            ids[i].Validate($"{operation} id {i}");
        }
    }
}
