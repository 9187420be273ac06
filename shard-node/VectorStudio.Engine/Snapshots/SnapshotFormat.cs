// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Snapshots;

/// <summary>Constants of the collection snapshot file; docs/storage.md describes it byte by byte.</summary>
public static class SnapshotFormat
{
    /// <summary>"VSSNAPSH" read as a little-endian u64.</summary>
    public const ulong Magic = 0x4853_5041_4E53_5356;

    /// <summary>"VSSE" read as a little-endian u32: the last 4 bytes of a complete snapshot.</summary>
    public const uint EndMagic = 0x4553_5356;

    /// <summary>
    /// The format this build writes. Version 2 lets the config block carry configuration extensions (an
    /// embedder binding); version 1 files load as before.
    /// </summary>
    public const uint FormatVersion = 2;

    /// <summary>The oldest format this build reads.</summary>
    public const uint MinFormatVersion = 1;

    public const int HeaderSize = 32;

    /// <summary>Trailer: total length before it (u64), CRC32C of those bytes (u32), end magic (u32).</summary>
    public const int TrailerSize = 16;

    /// <summary>Block kinds after the header.</summary>
    public const uint ConfigBlock = 1;
    public const uint PointsBlock = 2;
    public const uint IndexBlock = 3;
    public const uint EndBlock = 4;

    /// <summary>Points are written in blocks of about this many bytes, so a reader never holds the whole file.</summary>
    public const int PointsBlockBytes = 1 << 20;

    public const string Extension = ".snap";

    /// <summary>A snapshot's name is its LSN, zero-padded so names sort by LSN.</summary>
    public static string Name(long lsn) => lsn.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
}
