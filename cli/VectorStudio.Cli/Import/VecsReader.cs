// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Import;

/// <summary>
/// Reads .fvecs (float32) and .bvecs (uint8) files: per vector a little-endian int32 dimension,
/// then the components. Every vector must have the first one's dimension.
/// </summary>
public sealed class VecsReader
{
    private readonly string _path;
    private readonly bool _bytes;

    public VecsReader(string path, VectorFileFormat format)
    {
        _path = path;
        _bytes = format switch
        {
            VectorFileFormat.Fvecs => false,
            VectorFileFormat.Bvecs => true,
            VectorFileFormat.Jsonl or VectorFileFormat.Npy =>
                throw new ArgumentException($"{format} is not a vecs format.", nameof(format)),
        };
    }

    /// <summary>The number of vectors, from the file size and the first vector's dimension.</summary>
    public long Count(out int dimension)
    {
        using var stream = File.OpenRead(_path);
        Span<byte> header = stackalloc byte[4];
        if (stream.Length == 0)
        {
            dimension = 0;
            return 0;
        }

        stream.ReadExactly(header);
        dimension = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (dimension <= 0 || dimension > 65536)
        {
            throw new ImportFormatException($"{_path}: first vector has dimension {dimension}; expected 1..65536");
        }

        var record = 4L + (dimension * (_bytes ? 1L : 4L));
        if (stream.Length % record != 0)
        {
            throw new ImportFormatException(
                $"{_path}: size {stream.Length} is not a multiple of {record} bytes (dimension {dimension}): the file is truncated or not {(_bytes ? "bvecs" : "fvecs")}");
        }

        return stream.Length / record;
    }

    public IEnumerable<ImportRecord> Read(ulong firstId)
    {
        using var stream = new BufferedStream(File.OpenRead(_path), 1 << 20);
        var header = new byte[4];
        var id = firstId;
        long index = 0;
        int? expected = null;
        while (true)
        {
            var got = stream.ReadAtLeast(header, 4, throwOnEndOfStream: false);
            if (got == 0)
            {
                yield break;
            }

            if (got < 4)
            {
                throw new ImportFormatException($"{_path}: vector {index} is cut short in its dimension field");
            }

            var dim = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (dim != (expected ??= dim) || dim <= 0)
            {
                throw new ImportFormatException($"{_path}: vector {index} has dimension {dim}; the file started with {expected}");
            }

            var raw = new byte[_bytes ? dim : dim * 4];
            if (stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false) < raw.Length)
            {
                throw new ImportFormatException($"{_path}: vector {index} is cut short (expected {raw.Length} bytes of components)");
            }

            var vector = new float[dim];
            for (var i = 0; i < dim; i++)
            {
                vector[i] = _bytes ? raw[i] : BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4));
            }

            yield return new ImportRecord(new PointId { Num = id++ }, vector, null);
            index++;
        }
    }
}
