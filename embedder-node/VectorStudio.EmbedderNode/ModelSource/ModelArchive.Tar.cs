// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Formats.Tar;
using System.IO.Compression;

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>Tar and zip entries, and the links deferred to the end.</summary>
public sealed partial class ModelArchive
{
    private void ExtractTar(Stream stream)
    {
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(Target(entry.Name, out _));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    WriteFile(entry.Name, entry.DataStream ?? Stream.Null, entry.Length);
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    DeferLink(entry.Name, entry.LinkName, entry.EntryType == TarEntryType.HardLink);
                    break;
                case TarEntryType.GlobalExtendedAttributes:
                    break;
                default:
                    throw ArchivePath.Unsafe(entry.Name, $"entry type {entry.EntryType} is not allowed (only files, folders and links)");
            }
        }
    }

    private void ExtractZip(string archivePath)
    {
        using var zip = ZipFile.OpenRead(archivePath);
        foreach (var entry in zip.Entries)
        {
            // A zip marks folders by a trailing separator; Unix link bits in ExternalAttributes are ignored,
            // so a link stored in a zip unpacks as a small file holding its target's name.
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                Directory.CreateDirectory(Target(entry.FullName, out _));
                continue;
            }

            using var data = entry.Open();
            WriteFile(entry.FullName, data, entry.Length);
        }
    }

    private void DeferLink(string entryName, string linkName, bool hard)
    {
        _ = Target(entryName, out var relative);
        if (relative.Length == 0)
        {
            throw ArchivePath.Unsafe(entryName, "a link cannot replace the package folder");
        }

        if (!_links.Add(relative))
        {
            throw ArchivePath.Unsafe(entryName, "a second link at the same path");
        }

        _pendingLinks.Add((relative, linkName, hard));
    }

    /// <summary>
    /// Creates the links once every file exists: a symbolic link's target is resolved from the link's folder,
    /// a hard link's from the archive root (tar's convention); either must stay inside and may not pass
    /// through another link, whose own target could lead out. A hard link is unpacked as a copy.
    /// </summary>
    private void CreateLinks()
    {
        foreach (var (relative, target, hard) in _pendingLinks)
        {
            var path = Path.Combine(_root, relative);
            if (target.Length == 0 || target.StartsWith('/') || target.StartsWith('\\') || target.Contains('\0', StringComparison.Ordinal))
            {
                throw ArchivePath.Unsafe(relative, $"the link target '{target}' is empty or absolute");
            }

            var segments = relative.Split('/');
            for (var i = 1; i < segments.Length; i++)
            {
                if (_links.Contains(string.Join('/', segments[..i])))
                {
                    throw ArchivePath.Unsafe(relative, $"'{string.Join('/', segments[..i])}' is a link; nothing is written through links");
                }
            }

            var resolved = Resolve(relative, target, hard);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw ArchivePath.Unsafe(relative, "a link at a path that an entry already holds");
            }

            if (hard)
            {
                var source = Path.Combine(_root, resolved);
                if (!File.Exists(source) || _links.Contains(resolved))
                {
                    throw ArchivePath.Unsafe(relative, $"the hard link target '{target}' is not a file of the archive");
                }

                Charge(new FileInfo(source).Length, relative, count: true);
                File.Copy(source, path);
            }
            else
            {
                File.CreateSymbolicLink(path, target);
            }
        }
    }

    private string Resolve(string relative, string target, bool hard)
    {
        var stack = new List<string>(hard ? [] : relative.Split('/')[..^1]);
        var parts = target.Split('/', '\\');
        for (var i = 0; i < parts.Length; i++)
        {
            switch (parts[i])
            {
                case "" or ".":
                    continue;
                case "..":
                    if (stack.Count == 0)
                    {
                        throw ArchivePath.Unsafe(relative, $"the link target '{target}' points out of the package folder");
                    }

                    stack.RemoveAt(stack.Count - 1);
                    break;
                default:
                    stack.Add(parts[i]);
                    break;
            }

            if (i < parts.Length - 1 && stack.Count > 0 && _links.Contains(string.Join('/', stack)))
            {
                throw ArchivePath.Unsafe(relative, $"the link target '{target}' passes through another link");
            }
        }

        return string.Join('/', stack);
    }
}
