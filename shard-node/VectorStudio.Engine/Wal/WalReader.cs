// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using VectorStudio.Engine.Errors;
using VectorStudio.Hashing;

namespace VectorStudio.Engine.Wal;

/// <summary>
/// Reads a log directory at start-up and hands every valid record, in LSN order, to a callback.
/// </summary>
/// <remarks>
/// Recovery rules (docs/storage.md, "Recovery"): a bad record (short length, short body, implausible
/// length, CRC mismatch, unexpected LSN) that nothing valid follows is a torn tail: the file is cut there
/// and a log line says how many bytes went. A bad record that valid records follow (in the same file or
/// a later one) is corruption: reading stops with an error naming the file and byte offset, unless
/// <c>repair</c> is set, which cuts the log there and says what it dropped. Nothing is ever skipped.
/// </remarks>
public static class WalReader
{
    /// <summary>Reads every segment in <paramref name="directory"/>; see the remarks for what it repairs.</summary>
    /// <exception cref="EngineException">Corrupted: a bad record in the middle, with repair off.</exception>
    /// <param name="directory">The log's directory.</param>
    /// <param name="repair">Cut the log at a corruption in the middle instead of throwing.</param>
    /// <param name="log">Receives one line per truncation or deletion.</param>
    /// <param name="apply">Receives every valid record that <paramref name="wanted"/> accepts, in LSN order.</param>
    /// <param name="wanted">
    /// Given op, collection and LSN of a valid record, whether to decode and apply it; null: all. Records it
    /// refuses (those a snapshot covers) are checked (CRC, LSN) but not decoded, which is most of replay's cost.
    /// </param>
    public static WalReadResult Read(
        string directory, bool repair, Action<string> log, Action<WalRecord> apply, Func<WalOp, string, long, bool>? wanted = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(apply);
        var files = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory, "*" + WalFormat.SegmentExtension).Order(StringComparer.Ordinal).ToList()
            : [];
        var state = new ReadState(log, apply, repair) { Wanted = wanted };
        for (var k = 0; k < files.Count; k++)
        {
            var isLast = k == files.Count - 1;
            if (!ReadSegment(files[k], isLast, state))
            {
                // Cut here (torn tail or repair): later segments go too.
                foreach (var later in files.Skip(k + 1))
                {
                    state.Truncated += new FileInfo(later).Length;
                    log($"wal: --repair deleted segment {later} ({new FileInfo(later).Length} bytes) after the corruption");
                    File.Delete(later);
                }

                break;
            }
        }

        if (state.Truncated > 0)
        {
            FileSync.SyncDirectory(directory);
        }

        return new WalReadResult(state.Segments, state.FirstLsn, state.LastLsn, state.Records, state.Truncated);
    }

    /// <summary>Reads one segment; false when the log was cut in it (nothing after it counts).</summary>
    private static bool ReadSegment(string path, bool isLast, ReadState state)
    {
        var bytes = File.ReadAllBytes(path);
        if (!TryHeader(bytes, out var firstLsn, out var headerProblem))
        {
            if (isLast && bytes.Length <= WalFormat.SegmentHeaderSize)
            {
                // A crash while the segment was being created: it never held a record.
                state.Log($"wal: removed {path}: its header is incomplete ({bytes.Length} bytes), left by a crash while it was created");
                File.Delete(path);
                state.Truncated += bytes.Length;
                return false;
            }

            return Corrupt(state, path, 0, 0, bytes.Length, headerProblem, isLast);
        }

        if (state.LastLsn > 0 && firstLsn != state.LastLsn + 1)
        {
            return Corrupt(state, path, firstLsn, 0, bytes.Length, $"the segment starts at LSN {firstLsn}, but LSN {state.LastLsn + 1} was expected next", isLast);
        }

        var expected = firstLsn;
        var offset = WalFormat.SegmentHeaderSize;
        while (offset < bytes.Length)
        {
            var problem = Check(bytes, offset, expected, out var length);
            WalRecord? record = null;
            var skip = problem is null && state.Wanted is { } wanted && !Wanted(bytes.AsSpan(offset + WalFormat.RecordPrefixSize, length), expected, wanted);
            if (problem is null && !skip)
            {
                try
                {
                    record = WalRecordCodec.Decode(bytes.AsSpan(offset + WalFormat.RecordPrefixSize, length));
                }
                catch (InvalidDataException e)
                {
                    problem = $"the record's checksum holds but its body does not decode ({e.Message})";
                }
            }

            if (problem is not null)
            {
                if (isLast && !AnyValidRecordAfter(bytes, offset + 1, expected - 1))
                {
                    Truncate(path, offset);
                    state.Truncated += bytes.Length - offset;
                    state.Log($"wal: truncated {bytes.Length - offset} bytes of a torn record at the tail of {path} (byte offset {offset}: {problem})");
                    state.Segments.Add(new WalSegmentInfo(path, firstLsn, offset));
                    return false;
                }

                return Corrupt(state, path, firstLsn, offset, bytes.Length, problem, isLast);
            }

            if (!skip)
            {
                state.Apply(record!);
            }

            state.Records++;
            state.FirstLsn = state.FirstLsn == 0 ? expected : state.FirstLsn;
            state.LastLsn = expected;
            expected++;
            offset += WalFormat.RecordPrefixSize + length;
        }

        state.Segments.Add(new WalSegmentInfo(path, firstLsn, bytes.Length));
        return true;
    }

    /// <summary>Asks the caller about a checked record from its op and collection name alone (no decoding).</summary>
    private static bool Wanted(ReadOnlySpan<byte> body, long lsn, Func<WalOp, string, long, bool> wanted)
    {
        const int OpOffset = WalFormat.RecordFixedSize - 1;
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(body[(OpOffset + 1)..]);
        if (OpOffset + 3 + nameLength > body.Length)
        {
            return true; // let the decoder report it
        }

        var name = System.Text.Encoding.UTF8.GetString(body.Slice(OpOffset + 3, nameLength));
        return wanted((WalOp)body[OpOffset], name, lsn);
    }

    /// <summary>Null when a valid record of LSN <paramref name="expectedLsn"/> starts at the offset, else why not.</summary>
    private static string? Check(byte[] bytes, int offset, long expectedLsn, out int length)
    {
        length = 0;
        if (bytes.Length - offset < WalFormat.RecordPrefixSize)
        {
            return $"only {bytes.Length - offset} bytes remain, less than a record's length and checksum";
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
        if (declared < WalFormat.RecordFixedSize + 2 || declared > WalFormat.MaxRecordLength)
        {
            return $"the record length {declared} is implausible";
        }

        length = (int)declared;
        if ((long)offset + WalFormat.RecordPrefixSize + length > bytes.Length)
        {
            return $"the record claims {length} bytes but only {bytes.Length - offset - WalFormat.RecordPrefixSize} remain";
        }

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
        if (crc != Crc32C.Compute(bytes.AsSpan(offset + WalFormat.RecordPrefixSize, length)))
        {
            return "the record's CRC32C does not match its bytes";
        }

        var lsn = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset + WalFormat.LsnOffset));
        return lsn == expectedLsn ? null : $"the record has LSN {lsn}, but LSN {expectedLsn} was expected";
    }

    /// <summary>
    /// Whether a valid record with an LSN after <paramref name="lastLsn"/> starts anywhere at or after
    /// <paramref name="from"/>: what tells corruption in the middle from a torn tail.
    /// </summary>
    private static bool AnyValidRecordAfter(byte[] bytes, int from, long lastLsn)
    {
        for (var p = from; p + WalFormat.RecordPrefixSize + WalFormat.RecordFixedSize <= bytes.Length; p++)
        {
            var lsn = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(p + WalFormat.LsnOffset));
            if (lsn > lastLsn && lsn - lastLsn < (1L << 32) && Check(bytes, p, lsn, out _) is null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryHeader(byte[] bytes, out long firstLsn, out string problem)
    {
        firstLsn = 0;
        problem = string.Empty;
        if (bytes.Length < WalFormat.SegmentHeaderSize)
        {
            problem = $"the segment header is incomplete ({bytes.Length} of {WalFormat.SegmentHeaderSize} bytes)";
            return false;
        }

        var header = bytes.AsSpan(0, WalFormat.SegmentHeaderSize);
        if (BinaryPrimitives.ReadUInt64LittleEndian(header) != WalFormat.SegmentMagic
            || BinaryPrimitives.ReadUInt32LittleEndian(header[28..]) != Crc32C.Compute(header[..28]))
        {
            problem = "the segment header has a wrong magic number or checksum";
            return false;
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (version is < WalFormat.MinFormatVersion or > WalFormat.FormatVersion)
        {
            problem = $"the segment has format version {version}; this build reads versions {WalFormat.MinFormatVersion}..{WalFormat.FormatVersion}";
            return false;
        }

        firstLsn = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        return true;
    }

    private static bool Corrupt(ReadState state, string path, long firstLsn, int offset, int fileLength, string problem, bool isLast)
    {
        if (!state.Repair)
        {
            throw EngineException.Corrupted(
                $"write-ahead log file {path} is corrupt at byte offset {offset}: {problem}; " +
                (isLast ? "valid records follow it" : "later segments follow it") +
                ". Start-up stops rather than skip acknowledged writes. Restore from a backup, or start with " +
                "--repair to truncate the log at that offset (dropping every record after it).");
        }

        state.Log($"wal: --repair truncated {path} at byte offset {offset} ({problem}), dropping {fileLength - offset} bytes " +
            $"and every record from LSN {state.LastLsn + 1} on");
        if (offset < WalFormat.SegmentHeaderSize)
        {
            File.Delete(path);
        }
        else
        {
            Truncate(path, offset);
            state.Segments.Add(new WalSegmentInfo(path, firstLsn, offset));
        }

        state.Truncated += fileLength - offset;
        return false;
    }

    private static void Truncate(string path, long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.SetLength(handle, length);
        RandomAccess.FlushToDisk(handle);
    }

    private sealed class ReadState(Action<string> log, Action<WalRecord> apply, bool repair)
    {
        public Action<string> Log { get; } = log;

        public Action<WalRecord> Apply { get; } = apply;

        public bool Repair { get; } = repair;

        public Func<WalOp, string, long, bool>? Wanted { get; init; }

        public List<WalSegmentInfo> Segments { get; } = [];

        public long FirstLsn { get; set; }

        public long LastLsn { get; set; }

        public long Records { get; set; }

        public long Truncated { get; set; }
    }
}
