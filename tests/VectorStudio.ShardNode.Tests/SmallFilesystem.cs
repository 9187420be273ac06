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

        // Synchronous: an attribute constructor cannot await.
        var path = Directory.CreateTempSubdirectory("vs-smallfs-probe-").FullName;
        try
        {
            var (code, error) = Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", path);
            if (code != 0)
            {
                return $"cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): mount exited {code}: {error.Trim()}";
            }

            Run("umount", path);
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot mount a tmpfs here: {e.Message}";
        }
        finally
        {
            Directory.Delete(path);
        }
    }

    private static (int Code, string Error) Run(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
