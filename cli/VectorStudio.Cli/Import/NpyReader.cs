// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Import;

/// <summary>
/// Reads a NumPy .npy file (format versions 1–3) holding a C-ordered 2-D array of float32, float64,
/// float16, uint8 or int8, little-endian. Row i becomes point firstId + i.
/// </summary>
public sealed partial class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private readonly string _path;

    public NpyReader(string path) => _path = path;

    public (long Rows, int Columns) Shape
    {
        get
        {
            using var stream = File.OpenRead(_path);
            var header = ReadHeader(stream);
            return (header.Rows, header.Columns);
        }
    }

    public IEnumerable<ImportRecord> Read(ulong firstId)
    {
        using var stream = new BufferedStream(File.OpenRead(_path), 1 << 20);
        var header = ReadHeader(stream);
        var raw = new byte[header.Columns * header.ItemSize];
        for (long row = 0; row < header.Rows; row++)
        {
            if (stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false) < raw.Length)
            {
                throw new ImportFormatException($"{_path}: row {row} is cut short; the header promised {header.Rows} rows");
            }

            var vector = new float[header.Columns];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = header.Type switch
                {
                    "f4" => BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4)),
                    "f8" => (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i * 8)),
                    "f2" => (float)BinaryPrimitives.ReadHalfLittleEndian(raw.AsSpan(i * 2)),
                    "u1" => raw[i],
                    _ => (sbyte)raw[i],
                };
            }

            yield return new ImportRecord(new PointId { Num = firstId + (ulong)row }, vector, null);
        }
    }

    private NpyHeader ReadHeader(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new ImportFormatException($"{_path}: not a .npy file (no \\x93NUMPY magic)");
        }

        var major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            stream.ReadExactly(len);
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(len);
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            stream.ReadExactly(len);
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(len));
        }
        else
        {
            throw new ImportFormatException($"{_path}: .npy format version {major} is not supported (1, 2 and 3 are)");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var header = Encoding.UTF8.GetString(headerBytes);
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !shape.Success)
        {
            throw new ImportFormatException($"{_path}: unreadable .npy header: {header.Trim()}");
        }

        if (fortran.Success && fortran.Groups[1].Value == "True")
        {
            throw new ImportFormatException($"{_path}: Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        }

        var endian = descr.Groups[1].Value;
        var type = descr.Groups[2].Value;
        var itemSize = type switch
        {
            "f4" => 4,
            "f8" => 8,
            "f2" => 2,
            "u1" or "i1" => 1,
            _ => throw new ImportFormatException(
                $"{_path}: dtype '{descr.Groups[0].Value}' is not supported; accepted: float32, float64, float16, uint8, int8"),
        };
        if (endian == ">" && itemSize > 1)
        {
            throw new ImportFormatException($"{_path}: big-endian arrays are not supported; save with dtype '<{type}'");
        }

        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dims.Length != 2)
        {
            throw new ImportFormatException($"{_path}: array has shape ({shape.Groups[1].Value}); expected 2-D (points, dimension)");
        }

        var rows = long.Parse(dims[0], CultureInfo.InvariantCulture);
        var columns = int.Parse(dims[1], CultureInfo.InvariantCulture);
        return new NpyHeader(type, itemSize, rows, columns);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([<>|=])([a-z]\d+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    private readonly record struct NpyHeader(string Type, int ItemSize, long Rows, int Columns);
}
