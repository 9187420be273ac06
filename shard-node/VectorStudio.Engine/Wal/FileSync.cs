// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace VectorStudio.Engine.Wal;

/// <summary>
/// What .NET does not expose: fsync of a directory, so a created, renamed or deleted file's name is
/// durable too. On systems without POSIX directories (Windows) it is a no-op, as NTFS journals names.
/// </summary>
public static partial class FileSync
{
    private const int ReadOnly = 0; // O_RDONLY
    private const int ENOSPC = 28;

    /// <summary>Makes the entries of <paramref name="directory"/> durable.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"cannot sync directory {directory} (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Whether an I/O error means "no space left on the device" (or over quota).</summary>
    public static bool IsDiskFull(IOException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        const int ErrorDiskFull = 0x70;
        const int ErrorHandleDiskFull = 0x27;
        const int EDQUOT = 122;
        var code = error.HResult & 0xFFFF;
        return error.HResult is ENOSPC or EDQUOT || code is ErrorDiskFull or ErrorHandleDiskFull
            || error.Message.Contains("No space left on device", StringComparison.Ordinal);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
