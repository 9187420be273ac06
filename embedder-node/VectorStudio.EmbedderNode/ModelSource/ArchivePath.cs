// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>
/// The one check every archive entry name passes before anything is written: it must be relative and
/// stay inside the target folder (no leading '/', no drive letter, no '..' segment, no NUL). Both '/'
/// and '\' separate segments, so a Windows-made zip cannot smuggle '..\'.
/// </summary>
public static class ArchivePath
{
    /// <summary>The entry's segments with empty and '.' ones dropped (empty for the root itself).</summary>
    /// <exception cref="ModelFetchException">Kind InvalidArchive, naming the entry.</exception>
    public static string[] Segments(string entryName)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        if (entryName.Contains('\0', StringComparison.Ordinal))
        {
            throw Unsafe(entryName, "the name contains a NUL character");
        }

        if (entryName.StartsWith('/') || entryName.StartsWith('\\')
            || (entryName.Length >= 2 && char.IsAsciiLetter(entryName[0]) && entryName[1] == ':'))
        {
            throw Unsafe(entryName, "an absolute path");
        }

        var segments = entryName.Split('/', '\\').Where(s => s.Length > 0 && s != ".").ToArray();
        if (segments.Contains(".."))
        {
            throw Unsafe(entryName, "a '..' segment would leave the package folder");
        }

        return segments;
    }

    /// <summary>The entry's relative path with '/' separators ("" for the root).</summary>
    public static string Normalize(string entryName) => string.Join('/', Segments(entryName));

    internal static ModelFetchException Unsafe(string entryName, string reason) =>
        new(ModelFetchErrorKind.InvalidArchive, $"unsafe archive entry '{entryName}': {reason}");
}
