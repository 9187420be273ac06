// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VectorStudio.Benchmarks.Hnsw;

/// <summary>Reads a 2-d little-endian float32 C-order .npy file (format versions 1–3).</summary>
public static partial class NpyFile
{
    public static float[][] Read(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < 10 || data[0] != 0x93 || Encoding.ASCII.GetString(data, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{path}: not a .npy file");
        }

        var headerLength = data[6] == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(8))
            : (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8));
        var headerStart = data[6] == 1 ? 10 : 12;
        var header = Encoding.ASCII.GetString(data, headerStart, headerLength);
        if (!header.Contains("'<f4'", StringComparison.Ordinal)
            || header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: expected little-endian float32 in C order, got {header.Trim()}");
        }

        var shape = Shape().Match(header);
        var rows = int.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture);
        var columns = int.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture);
        var offset = headerStart + headerLength;
        var vectors = new float[rows][];
        for (var i = 0; i < rows; i++)
        {
            vectors[i] = new float[columns];
            Buffer.BlockCopy(data, offset + (i * columns * 4), vectors[i], 0, columns * 4);
        }

        return vectors;
    }

    [GeneratedRegex(@"'shape':\s*\((\d+),\s*(\d+)\)")]
    private static partial Regex Shape();
}
