// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Formats.Tar;
using VectorStudio.EmbedderNode.ModelSource;

namespace VectorStudio.EmbedderNode.Tests.ModelSource;

/// <summary>The unpacker on real archives in a per-test temp folder, hostile ones included.</summary>
public sealed class ModelArchiveTests : IDisposable
{
    private const long Cap = 1 << 20;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vs-archive-" + Guid.NewGuid().ToString("N"));

    public ModelArchiveTests()
    {
        Directory.CreateDirectory(_dir);
    }

    private string Out => Path.Combine(_dir, "out");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Extract_Should_UnpackFilesAndFolders_When_TheTarGzIsSafe()
    {
        var archive = Write("ok.tar.gz", TestArchives.TarGz(
        [
            .. TestArchives.FakePackage(),
            TestArchives.Folder("extra/"),
            TestArchives.File("extra/deep/notes.txt", "hello"),
            TestArchives.SymbolicLink("extra/vocab-link.txt", "../vocab.txt"),
            TestArchives.HardLink("extra/model-copy.pt", "model.pt"),
        ]));

        ModelArchive.Extract(archive, Out, Cap);

        Assert.Equal("{\"name\":\"fake\"}", File.ReadAllText(Path.Combine(Out, "manifest.json")));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(Out, "extra", "deep", "notes.txt")));
        Assert.Equal("[PAD]\n[UNK]\n", File.ReadAllText(Path.Combine(Out, "extra", "vocab-link.txt")));
        Assert.Equal("../vocab.txt", new FileInfo(Path.Combine(Out, "extra", "vocab-link.txt")).LinkTarget);
        Assert.Equal("weights", File.ReadAllText(Path.Combine(Out, "extra", "model-copy.pt")));
        Assert.Equal(Out, ModelArchive.FindPackageRoot(Out));
    }

    [Fact]
    public void Extract_Should_UnpackZipAndPlainTar_When_RecognisedByTheirFirstBytes()
    {
        var zip = Write("model.bin", TestArchives.Zip(("manifest.json", "{}"), ("sub/vocab.txt", "a")));
        var tarPath = Path.Combine(_dir, "plain");
        using (var stream = File.Create(tarPath))
        using (var tar = new TarWriter(stream, TarEntryFormat.Pax))
        {
            tar.WriteEntry(TestArchives.File("manifest.json", "{}"));
        }

        ModelArchive.Extract(zip, Out, Cap);
        ModelArchive.Extract(tarPath, Path.Combine(_dir, "out2"), Cap);

        Assert.Equal(ArchiveFormat.Zip, ModelArchive.Detect(zip));
        Assert.Equal(ArchiveFormat.Tar, ModelArchive.Detect(tarPath));
        Assert.Equal("a", File.ReadAllText(Path.Combine(Out, "sub", "vocab.txt")));
        Assert.True(File.Exists(Path.Combine(_dir, "out2", "manifest.json")));
    }

    [Fact]
    public void FindPackageRoot_Should_DescendIntoTheOnlyFolder_When_TheArchiveHasATopFolder()
    {
        ModelArchive.Extract(Write("top.tar.gz", TestArchives.TarGz(TestArchives.FakePackage("minilm/"))), Out, Cap);

        Assert.Equal(Path.Combine(Out, "minilm"), ModelArchive.FindPackageRoot(Out));
        Assert.Null(ModelArchive.FindPackageRoot(_dir));
    }

    public static TheoryData<string, PaxTarEntry[], string> HostileTars => new()
    {
        { "dot-dot", [TestArchives.File("../evil.txt", "x")], "'..' segment" },
        { "nested dot-dot", [TestArchives.File("a/../../evil.txt", "x")], "'..' segment" },
        { "absolute", [TestArchives.File("/tmp/evil.txt", "x")], "an absolute path" },
        { "backslash dot-dot", [TestArchives.File("a\\..\\..\\evil.txt", "x")], "'..' segment" },
        { "symlink out", [TestArchives.SymbolicLink("escape", "../../etc")], "points out of the package folder" },
        { "absolute symlink", [TestArchives.SymbolicLink("escape", "/etc/passwd")], "empty or absolute" },
        { "hard link out", [TestArchives.HardLink("escape", "../outside.txt")], "points out of the package folder" },
        {
            "write through a link",
            [TestArchives.SymbolicLink("dir", "sub"), TestArchives.File("dir/evil.txt", "x")],
            "is a link; nothing is written through links"
        },
        {
            "link chain out",
            [TestArchives.SymbolicLink("b", "a/../.."), TestArchives.SymbolicLink("a", ".")],
            "passes through another link"
        },
        { "device", [new PaxTarEntry(TarEntryType.CharacterDevice, "null")], "entry type CharacterDevice is not allowed" },
        { "fifo", [new PaxTarEntry(TarEntryType.Fifo, "pipe")], "entry type Fifo is not allowed" },
        { "too large", [TestArchives.File("big.bin", (int)Cap + 1)], "exceed --model-max-bytes" },
        { "too large in total", [TestArchives.File("a.bin", (int)(Cap / 2) + 1), TestArchives.File("b.bin", (int)(Cap / 2) + 1)], "exceed --model-max-bytes" },
    };

    [Theory]
    [MemberData(nameof(HostileTars))]
    public void Extract_Should_RejectTheArchiveWritingNothingOutside_When_AnEntryIsUnsafe(string name, PaxTarEntry[] entries, string expected)
    {
        var archive = Write("hostile.tar.gz", TestArchives.TarGz(entries));
        var before = Directory.GetFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Length;

        var error = Assert.Throws<ModelFetchException>(() => ModelArchive.Extract(archive, Path.Combine(Out, "pkg", "inner"), Cap));

        Assert.Equal(ModelFetchErrorKind.InvalidArchive, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "evil.txt")), name);
        Assert.False(File.Exists(Path.Combine(Out, "evil.txt")), name);
        Assert.False(File.Exists(Path.Combine(Out, "pkg", "evil.txt")), name);
        // Nothing appeared beside the target folder (which the extraction creates): only the archive and out/pkg/inner/…
        var outside = Directory.GetFileSystemEntries(_dir, "*", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(Path.Combine(Out, "pkg", "inner"), StringComparison.Ordinal)).ToList();
        Assert.Equal(before + 2, outside.Count);
    }

    [Fact]
    public void Extract_Should_RejectZipSlip_When_AZipEntryClimbsOut()
    {
        var archive = Write("slip.zip", TestArchives.Zip(("ok.txt", "fine"), ("../../evil.txt", "x")));

        var error = Assert.Throws<ModelFetchException>(() => ModelArchive.Extract(archive, Out, Cap));

        Assert.Contains("unsafe archive entry '../../evil.txt'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "evil.txt")));
    }

    [Fact]
    public void Extract_Should_SayTheArchiveIsCorrupt_When_TheGzipIsTruncated()
    {
        // Random bytes do not compress, so half of the gzip stream ends inside the file's data.
        var data = new byte[64 * 1024];
        new Random(7).NextBytes(data);
        var whole = TestArchives.TarGz(new PaxTarEntry(TarEntryType.RegularFile, "model.pt") { DataStream = new MemoryStream(data) });
        var archive = Write("cut.tar.gz", whole[..(whole.Length / 2)]);

        var error = Assert.Throws<ModelFetchException>(() => ModelArchive.Extract(archive, Out, Cap));

        Assert.Equal(ModelFetchErrorKind.InvalidArchive, error.Kind);
        Assert.StartsWith("corrupt or truncated tar.gz archive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_Should_NameTheAcceptedFormats_When_TheFileIsNoArchive()
    {
        var archive = Write("model.tar.gz", "<html>not found</html>"u8.ToArray());

        var error = Assert.Throws<ModelFetchException>(() => ModelArchive.Extract(archive, Out, Cap));

        Assert.Contains("expected a .tar.gz/.tgz, .tar or .zip file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Segments_Should_DropEmptyAndDotSegments_When_TheNameIsSafe()
    {
        Assert.Equal(["a", "b.txt"], ArchivePath.Segments("./a//b.txt"));
        Assert.Empty(ArchivePath.Segments("./"));
        Assert.Throws<ModelFetchException>(() => ArchivePath.Segments("C:evil"));
        Assert.Throws<ModelFetchException>(() => ArchivePath.Segments("a\0b"));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
