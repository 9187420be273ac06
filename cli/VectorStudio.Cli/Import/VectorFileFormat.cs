// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Cli.Import;

/// <summary>Input formats vsctl reads.</summary>
public enum VectorFileFormat
{
    /// <summary>One JSON object per line: {"id": 1 or "a", "vector": [..], "payload": {..}}.</summary>
    Jsonl,

    /// <summary>Per vector: int32 little-endian dimension, then that many float32.</summary>
    Fvecs,

    /// <summary>Per vector: int32 little-endian dimension, then that many unsigned bytes.</summary>
    Bvecs,

    /// <summary>A NumPy .npy array of shape (n, d), dtype float32, float64, float16, uint8 or int8.</summary>
    Npy,
}

/// <summary>Picks a format from a name or a file extension.</summary>
public static class VectorFileFormats
{
    public static bool TryParse(string name, out VectorFileFormat format)
    {
        switch (name.TrimStart('.').ToUpperInvariant())
        {
            case "JSONL" or "NDJSON" or "JSON":
                format = VectorFileFormat.Jsonl;
                return true;
            case "FVECS":
                format = VectorFileFormat.Fvecs;
                return true;
            case "BVECS":
                format = VectorFileFormat.Bvecs;
                return true;
            case "NPY":
                format = VectorFileFormat.Npy;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static bool TryFromPath(string path, out VectorFileFormat format) =>
        TryParse(Path.GetExtension(path), out format);

    internal static VectorFileFormat TryFromPathOrDefault(string path) =>
        TryFromPath(path, out var format) ? format : VectorFileFormat.Jsonl;
}
