// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Cli.Import;

/// <summary>An input file opened for import: how many points it holds and the points themselves.</summary>
public sealed class VectorSource
{
    private readonly Func<ulong, IEnumerable<ImportRecord>> _read;

    private VectorSource(string path, VectorFileFormat format, long count, Func<ulong, IEnumerable<ImportRecord>> read)
    {
        Path = path;
        Format = format;
        Count = count;
        _read = read;
    }

    public string Path { get; }

    public VectorFileFormat Format { get; }

    /// <summary>Points in the file (JSONL: non-blank lines).</summary>
    public long Count { get; }

    /// <summary>Opens a file, taking the format from <paramref name="format"/> or else the extension.</summary>
    public static VectorSource Open(string path, VectorFileFormat? format)
    {
        if (!File.Exists(path))
        {
            throw new ImportFormatException($"{path}: no such file");
        }

        if (format is null && !VectorFileFormats.TryFromPath(path, out _))
        {
            throw new ImportFormatException(
                $"{path}: cannot tell the format from the extension; pass --format jsonl|fvecs|bvecs|npy");
        }

        var chosen = format ?? VectorFileFormats.TryFromPathOrDefault(path);
        switch (chosen)
        {
            case VectorFileFormat.Jsonl:
                var jsonl = new JsonlReader(path);
                return new VectorSource(path, chosen, jsonl.CountLines(), jsonl.Read);
            case VectorFileFormat.Fvecs or VectorFileFormat.Bvecs:
                var vecs = new VecsReader(path, chosen);
                return new VectorSource(path, chosen, vecs.Count(out _), vecs.Read);
            case VectorFileFormat.Npy:
                var npy = new NpyReader(path);
                return new VectorSource(path, chosen, npy.Shape.Rows, npy.Read);
            default:
                throw new ImportFormatException($"{path}: unsupported format {chosen}");
        }
    }

    /// <summary>The points, numbering those without ids from <paramref name="firstId"/>.</summary>
    public IEnumerable<ImportRecord> Read(ulong firstId = 0) => _read(firstId);
}
