// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.IO.Compression;

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>
/// Unpacks a model archive into an empty folder, refusing anything that could write outside it or fill
/// the disk: entry names pass <see cref="ArchivePath"/>; links must resolve inside the folder without
/// passing through another link (they are created after every file, so no later file can be written
/// through one); devices and FIFOs are refused; the unpacked bytes are capped. Formats: tar, tar.gz, zip.
/// </summary>
public sealed partial class ModelArchive
{
    /// <summary>Most entries one archive may hold (a package has a handful; this bounds a header bomb).</summary>
    public const int MaxEntries = 100_000;

    private readonly string _root;
    private readonly long _maxBytes;
    private readonly HashSet<string> _links = new(StringComparer.Ordinal);
    private readonly List<(string Path, string Target, bool Hard)> _pendingLinks = [];
    private long _written;
    private int _entries;

    private ModelArchive(string root, long maxBytes)
    {
        _root = Path.GetFullPath(root);
        _maxBytes = maxBytes;
    }

    /// <summary>The archive format of the file, from its first bytes; null when it is none we read.</summary>
    public static ArchiveFormat? Detect(string path)
    {
        Span<byte> head = stackalloc byte[512];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (read >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            return ArchiveFormat.TarGzip;
        }

        if (read >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] is 3 or 5 && head[3] is 4 or 6)
        {
            return ArchiveFormat.Zip;
        }

        return read >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8) ? ArchiveFormat.Tar : null;
    }

    /// <summary>Unpacks <paramref name="archivePath"/> into <paramref name="destination"/> (created if missing).</summary>
    /// <exception cref="ModelFetchException">Kind InvalidArchive (unknown format, corrupt, unsafe entry, over
    /// <paramref name="maxBytes"/>) or Cache (the destination cannot be written).</exception>
    public static void Extract(string archivePath, string destination, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(archivePath);
        ArgumentNullException.ThrowIfNull(destination);
        var format = Detect(archivePath) ?? throw new ModelFetchException(
            ModelFetchErrorKind.InvalidArchive,
            "not a model archive: expected a .tar.gz/.tgz, .tar or .zip file (recognised by its first bytes)");
        Directory.CreateDirectory(destination);
        var archive = new ModelArchive(destination, maxBytes);
        try
        {
            switch (format)
            {
                case ArchiveFormat.TarGzip:
                    using (var gzip = new GZipStream(File.OpenRead(archivePath), CompressionMode.Decompress))
                    {
                        archive.ExtractTar(gzip);
                    }

                    break;
                case ArchiveFormat.Tar:
                    using (var tar = File.OpenRead(archivePath))
                    {
                        archive.ExtractTar(tar);
                    }

                    break;
                case ArchiveFormat.Zip:
                    archive.ExtractZip(archivePath);
                    break;
            }

            archive.CreateLinks();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new ModelFetchException(
                ModelFetchErrorKind.InvalidArchive, $"corrupt or truncated {Describe(format)} archive: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFetchException(ModelFetchErrorKind.Cache, $"cannot unpack into {destination}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The package folder inside an unpacked archive: the folder itself when it holds
    /// <c>manifest.json</c>, else its only subfolder when that one does (archives made with
    /// <c>tar -czf model.tar.gz model/</c>).
    /// </summary>
    public static string? FindPackageRoot(string folder)
    {
        const string Manifest = Embedder.Runtime.ModelPackage.ManifestFileName;
        if (File.Exists(Path.Combine(folder, Manifest)))
        {
            return folder;
        }

        var entries = Directory.GetFileSystemEntries(folder);
        return entries.Length == 1 && Directory.Exists(entries[0]) && File.Exists(Path.Combine(entries[0], Manifest))
            ? entries[0]
            : null;
    }

    private static string Describe(ArchiveFormat format) => format switch
    {
        ArchiveFormat.TarGzip => "tar.gz",
        ArchiveFormat.Tar => "tar",
        ArchiveFormat.Zip => "zip",
    };

    /// <summary>Checks an entry's path and returns its full path; parents must not be links.</summary>
    private string Target(string entryName, out string relative)
    {
        if (++_entries > MaxEntries)
        {
            throw new ModelFetchException(ModelFetchErrorKind.InvalidArchive, $"the archive has more than {MaxEntries} entries");
        }

        var segments = ArchivePath.Segments(entryName);
        relative = string.Join('/', segments);
        for (var i = 1; i < segments.Length; i++)
        {
            if (_links.Contains(string.Join('/', segments[..i])))
            {
                throw ArchivePath.Unsafe(entryName, $"'{string.Join('/', segments[..i])}' is a link; nothing is written through links");
            }
        }

        return segments.Length == 0 ? _root : Path.Combine(_root, Path.Combine(segments));
    }

    private void WriteFile(string entryName, Stream data, long declaredLength)
    {
        var path = Target(entryName, out var relative);
        if (relative.Length == 0 || Directory.Exists(path))
        {
            throw ArchivePath.Unsafe(entryName, "a file entry names a folder");
        }

        Charge(declaredLength, entryName, count: false);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        var buffer = new byte[81920];
        int n;
        while ((n = data.Read(buffer)) > 0)
        {
            Charge(n, entryName, count: true);
            output.Write(buffer, 0, n);
        }
    }

    private void Charge(long bytes, string entryName, bool count)
    {
        if (_written + bytes > _maxBytes)
        {
            throw new ModelFetchException(
                ModelFetchErrorKind.InvalidArchive,
                $"unpacking '{entryName}' would exceed --model-max-bytes ({_maxBytes} bytes)");
        }

        if (count)
        {
            _written += bytes;
        }
    }
}
