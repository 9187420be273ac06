// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Wal;
using VectorStudio.Hashing;

namespace VectorStudio.Engine.Snapshots;

/// <summary>Checking and loading snapshot files (docs/storage.md, "Snapshots").</summary>
public static class SnapshotFile
{
    /// <summary>
    /// Checks a whole snapshot file (trailer, length, CRC32C, header) without loading it; returns the LSN it
    /// covers. Throws Corrupted naming what is wrong.
    /// </summary>
    public static long Verify(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var length = file.Length;
        if (length < SnapshotFormat.HeaderSize + SnapshotFormat.TrailerSize)
        {
            throw EngineException.Corrupted($"snapshot {path} has {length} bytes, fewer than a header and trailer");
        }

        Span<byte> trailer = stackalloc byte[SnapshotFormat.TrailerSize];
        file.Seek(length - SnapshotFormat.TrailerSize, SeekOrigin.Begin);
        file.ReadExactly(trailer);
        var covered = BinaryPrimitives.ReadInt64LittleEndian(trailer);
        var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer[8..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer[12..]) != SnapshotFormat.EndMagic || covered != length - SnapshotFormat.TrailerSize)
        {
            throw EngineException.Corrupted($"snapshot {path} is incomplete: its trailer is missing or does not match its length ({length} bytes)");
        }

        file.Seek(0, SeekOrigin.Begin);
        var buffer = new byte[1 << 20];
        uint crc = 0;
        var left = covered;
        while (left > 0)
        {
            var n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                throw EngineException.Corrupted($"snapshot {path} ended early");
            }

            crc = Crc32C.Append(crc, buffer.AsSpan(0, n));
            left -= n;
        }

        if (crc != expectedCrc)
        {
            throw EngineException.Corrupted($"snapshot {path} fails its CRC32C check (stored {expectedCrc:x8}, computed {crc:x8})");
        }

        file.Seek(0, SeekOrigin.Begin);
        Span<byte> header = stackalloc byte[SnapshotFormat.HeaderSize];
        file.ReadExactly(header);
        return ReadHeader(header, path).Lsn;
    }

    /// <summary>
    /// Verifies and loads a snapshot into a new collection (not yet in any database), renamed to
    /// <paramref name="name"/> when given. Throws Corrupted for a damaged or foreign file.
    /// </summary>
    public static Collection Load(string path, EngineOptions options, string? name = null)
    {
        Verify(path);
        try
        {
            return LoadVerified(path, options, name);
        }
        catch (InvalidDataException e)
        {
            throw EngineException.Corrupted($"snapshot {path} does not decode: {e.Message}", e);
        }
    }

    private static Collection LoadVerified(string path, EngineOptions options, string? name)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var header = new byte[SnapshotFormat.HeaderSize];
        file.ReadExactly(header);
        var (lsn, createdLsn) = ReadHeader(header, path);
        Collection? collection = null;
        ReadOnlyMemory<byte>? index = null;
        var head = new byte[8];
        while (true)
        {
            file.ReadExactly(head);
            var kind = BinaryPrimitives.ReadUInt32LittleEndian(head);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4));
            if (length > file.Length - file.Position)
            {
                throw new InvalidDataException($"block of {length} bytes runs past the end of the file");
            }

            var body = new byte[length];
            file.ReadExactly(body);
            switch (kind)
            {
                case SnapshotFormat.ConfigBlock:
                    var r = new ByteReader(body);
                    var stored = r.String16();
                    var config = WalRecordCodec.ReadConfig(ref r, name ?? stored);
                    config.Validate();
                    collection = new Collection(config, options);
                    break;
                case SnapshotFormat.PointsBlock:
                    Require(collection).RestorePoints(body);
                    break;
                case SnapshotFormat.IndexBlock:
                    index = body;
                    break;
                case SnapshotFormat.EndBlock:
                    var end = new ByteReader(body);
                    var slots = (int)end.U32();
                    var points = (long)end.U64();
                    var result = Require(collection);
                    result.FinishRestore(slots, index, lsn, createdLsn);
                    if (result.Count() != points)
                    {
                        throw new InvalidDataException($"the snapshot says {points} points but holds {result.Count()}");
                    }

                    return result;
                default:
                    throw new InvalidDataException($"unknown block kind {kind}");
            }
        }
    }

    private static Collection Require(Collection? collection) =>
        collection ?? throw new InvalidDataException("points come before the collection's configuration");

    private static (long Lsn, long CreatedLsn) ReadHeader(ReadOnlySpan<byte> header, string path)
    {
        if (BinaryPrimitives.ReadUInt64LittleEndian(header) != SnapshotFormat.Magic)
        {
            throw EngineException.Corrupted($"{path} is not a Vector Studio snapshot (wrong magic number)");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version is < SnapshotFormat.MinFormatVersion or > SnapshotFormat.FormatVersion)
        {
            throw EngineException.Corrupted(
                $"snapshot {path} has format version {version}; this build reads versions {SnapshotFormat.MinFormatVersion}..{SnapshotFormat.FormatVersion}");
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(header[16..]), BinaryPrimitives.ReadInt64LittleEndian(header[24..]));
    }
}
