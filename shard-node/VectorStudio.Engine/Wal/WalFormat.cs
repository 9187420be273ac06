// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Wal;

/// <summary>Constants of the WAL's on-disk format; docs/storage.md describes it byte by byte.</summary>
public static class WalFormat
{
    /// <summary>The first 8 bytes of every segment file: "VSWALSEG" in ASCII.</summary>
    public const ulong SegmentMagic = 0x4745_534C_4157_5356; // "VSWALSEG" read little-endian

    /// <summary>
    /// The segment format this build writes. Version 2 lets a create record carry configuration extensions
    /// (an embedder binding); a version 1 segment is read as before.
    /// </summary>
    public const uint FormatVersion = 2;

    /// <summary>The oldest segment format this build reads.</summary>
    public const uint MinFormatVersion = 1;

    /// <summary>Bytes of the segment header: magic, version, header size, first LSN, reserved, CRC.</summary>
    public const int SegmentHeaderSize = 32;

    /// <summary>Bytes before a record's checksummed part: length (u32) and CRC32C (u32).</summary>
    public const int RecordPrefixSize = 8;

    /// <summary>Bytes of the checksummed fixed part: term (u64), LSN (u64), op (u8).</summary>
    public const int RecordFixedSize = 17;

    /// <summary>Offset of the LSN within a record, counted from the record's first byte.</summary>
    public const int LsnOffset = 16;

    /// <summary>
    /// The largest checksummed part a record may have: a batch of 10,000 points of dimension 65,536 does not
    /// fit any gRPC message the node accepts, so 1 GiB bounds every real record and rejects wild lengths.
    /// </summary>
    public const int MaxRecordLength = 1 << 30;

    /// <summary>Segment files are named by their first LSN, zero-padded so names sort by LSN.</summary>
    public const string SegmentExtension = ".wal";

    public static string SegmentFileName(long firstLsn) =>
        firstLsn.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + SegmentExtension;
}
