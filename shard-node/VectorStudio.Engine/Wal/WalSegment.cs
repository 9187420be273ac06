// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using VectorStudio.Hashing;

namespace VectorStudio.Engine.Wal;

/// <summary>
/// One open segment file that the log appends to. <see cref="Sync"/> and <see cref="Close"/> share a
/// lock so the flusher never syncs a handle the appender has closed; a closed segment was synced whole
/// when it was closed.
/// </summary>
internal sealed class WalSegment : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly object _gate = new();
    private bool _closed;

    private WalSegment(string path, long firstLsn, SafeFileHandle handle, long length)
    {
        Path = path;
        FirstLsn = firstLsn;
        _handle = handle;
        Length = length;
    }

    public string Path { get; }

    public long FirstLsn { get; }

    /// <summary>Bytes written (header included). Changed only by the appender, under the log's lock.</summary>
    public long Length { get; private set; }

    /// <summary>Creates a segment file with its header, synced, and syncs the directory that names it.</summary>
    public static WalSegment Create(string directory, long firstLsn)
    {
        var path = System.IO.Path.Combine(directory, WalFormat.SegmentFileName(firstLsn));
        var handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            Span<byte> header = stackalloc byte[WalFormat.SegmentHeaderSize];
            WriteHeader(header, firstLsn);
            RandomAccess.Write(handle, header, 0);
            RandomAccess.FlushToDisk(handle);
            FileSync.SyncDirectory(directory);
            return new WalSegment(path, firstLsn, handle, WalFormat.SegmentHeaderSize);
        }
        catch
        {
            handle.Dispose();
            File.Delete(path);
            throw;
        }
    }

    public static void WriteHeader(Span<byte> header, long firstLsn)
    {
        header.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(header, WalFormat.SegmentMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], WalFormat.FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], WalFormat.SegmentHeaderSize);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], firstLsn);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], Crc32C.Compute(header[..28]));
    }

    /// <summary>
    /// Appends one record at the end. On failure the file is cut back to its previous length so no partial
    /// record stays behind, and the error is rethrown.
    /// </summary>
    public void Append(ReadOnlySpan<byte> record)
    {
        try
        {
            RandomAccess.Write(_handle, record, Length);
        }
        catch (IOException)
        {
            // A short write before ENOSPC leaves a partial record; remove it so the log stays valid.
            RandomAccess.SetLength(_handle, Length);
            throw;
        }

        Length += record.Length;
    }

    /// <summary>fsync of the file; a no-op once closed (closing synced it).</summary>
    public void Sync()
    {
        lock (_gate)
        {
            if (!_closed)
            {
                RandomAccess.FlushToDisk(_handle);
            }
        }
    }

    /// <summary>Syncs and closes the file (segment rollover).</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            RandomAccess.FlushToDisk(_handle);
            _closed = true;
            _handle.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _handle.Dispose();
        }
    }
}
