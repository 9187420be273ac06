// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Cli.Export;

/// <summary>A temporary name beside a target file, renamed over it on success.</summary>
internal static class TempFile
{
    /// <summary>A fresh name in the target's folder (same file system, so the rename is atomic).</summary>
    public static string For(string target) => $"{target}.{Guid.NewGuid():N}.tmp";

    public static void Commit(string temporary, string target) => File.Move(temporary, target, overwrite: true);

    /// <summary>Best effort: a leftover temp file must not hide the error that made it one.</summary>
    public static void Discard(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
