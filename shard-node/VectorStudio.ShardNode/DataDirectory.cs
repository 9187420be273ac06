// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.ShardNode;

/// <summary>
/// The node's data directory, created if missing and locked for the life of the process so a
/// second node started on the same directory fails at once instead of corrupting it.
/// </summary>
public sealed class DataDirectory : IDisposable
{
    public const string LockFileName = "LOCK";

    private readonly FileStream _lock;

    private DataDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public string Path { get; }

    public static DataDirectory Open(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"--data-dir {path}: cannot create it: {e.Message}", e);
        }

        var lockPath = System.IO.Path.Combine(path, LockFileName);
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            stream.Write(pid);
            stream.Flush(flushToDisk: true);
            return new DataDirectory(path, stream);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException($"--data-dir {path}: not writable: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"--data-dir {path}: in use by another process (it holds {lockPath}); stop it or choose another directory", e);
        }
    }

    public void Dispose() => _lock.Dispose();
}
