// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace VectorStudio.EmbedderNode.Tests.ModelSource;

/// <summary>Archives built by the tests: a package folder packed as tar.gz or zip, and hand-made hostile entries.</summary>
internal static class TestArchives
{
    /// <summary>The files of <paramref name="folder"/> as a tar.gz, under <paramref name="top"/>/ when given.</summary>
    public static byte[] TarGzOf(string folder, string? top = null)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                tar.WriteEntry(file, top is null ? name : $"{top}/{name}");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The files of <paramref name="folder"/> as a zip.</summary>
    public static byte[] ZipOf(string folder)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A tar.gz of the given entries, written as they are (no checks: the point is to be hostile).</summary>
    public static byte[] TarGz(params TarEntry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var entry in entries)
            {
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A zip holding text files under the given names.</summary>
    public static byte[] Zip(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    public static PaxTarEntry File(string name, string text) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };

    public static PaxTarEntry File(string name, int bytes) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(new byte[bytes]) };

    public static PaxTarEntry Folder(string name) => new(TarEntryType.Directory, name);

    public static PaxTarEntry SymbolicLink(string name, string target) =>
        new(TarEntryType.SymbolicLink, name) { LinkName = target };

    public static PaxTarEntry HardLink(string name, string target) =>
        new(TarEntryType.HardLink, name) { LinkName = target };

    /// <summary>A small fake package: a manifest and two files (enough for the fetcher, which never loads it).</summary>
    public static PaxTarEntry[] FakePackage(string prefix = "") =>
    [
        File(prefix + "manifest.json", "{\"name\":\"fake\"}"),
        File(prefix + "model.pt", "weights"),
        File(prefix + "vocab.txt", "[PAD]\n[UNK]\n"),
    ];
}
