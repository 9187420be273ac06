// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Tests;

namespace VectorStudio.ShardNode.Tests;

/// <summary>
/// A size-limited tmpfs mounted for one test (the test runs as root), unmounted on dispose. Mounting needs
/// root and the mount capability; <see cref="SmallFilesystemFactAttribute"/> skips, saying why, where they
/// are missing.
/// </summary>
public sealed class SmallFilesystem : IAsyncDisposable
{
    private SmallFilesystem(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Why a tmpfs cannot be mounted here; null when it can.</summary>
    public static string? Unavailable { get; } = Probe();

    public static async Task<SmallFilesystem> MountAsync(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("vs-smallfs-").FullName;
        var mount = await ChildProcess.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path], TimeSpan.FromSeconds(30));
        if (mount.ExitCode != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount of a {megabytes} MiB tmpfs failed: {mount.Stderr}");
        }

        return new SmallFilesystem(path);
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.RunAsync("umount", ["-l", Path], TimeSpan.FromSeconds(30));
        Directory.Delete(Path, recursive: true);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux (tmpfs)";
        }

        try
        {
            var fs = MountAsync(1).GetAwaiter().GetResult();
            fs.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return $"cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): {e.Message}";
        }
    }
}
