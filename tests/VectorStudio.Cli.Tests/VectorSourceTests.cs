// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Text;
using VectorStudio.Cli.Import;

namespace VectorStudio.Cli.Tests;

public sealed class VectorSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vs-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Open_Should_ReadEveryVector_When_FileIsFvecs()
    {
        var path = WriteVecs("a.fvecs", [[1f, 2f, 3f], [4f, 5f, 6f]], bytes: false);

        var source = VectorSource.Open(path, null);
        var records = source.Read(firstId: 10).ToList();

        Assert.Equal(2, source.Count);
        Assert.Equal([4f, 5f, 6f], records[1].Vector);
        Assert.Equal(11UL, records[1].Id.Num);
    }

    [Fact]
    public void Open_Should_ReadBytesAsFloats_When_FileIsBvecs()
    {
        var path = WriteVecs("a.bvecs", [[0f, 128f, 255f]], bytes: true);

        var record = Assert.Single(VectorSource.Open(path, null).Read());

        Assert.Equal([0f, 128f, 255f], record.Vector);
    }

    [Fact]
    public void Open_Should_NameTheProblem_When_FvecsIsTruncated()
    {
        var path = WriteVecs("cut.fvecs", [[1f, 2f, 3f]], bytes: false);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^2]);

        var e = Assert.Throws<ImportFormatException>(() => VectorSource.Open(path, null));

        Assert.Contains("not a multiple of 16 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<f4", 4)]
    [InlineData("<f8", 8)]
    [InlineData("|u1", 1)]
    public void Open_Should_ReadRows_When_FileIsNpy(string dtype, int itemSize)
    {
        var path = WriteNpy("a.npy", dtype, itemSize, rows: 3, columns: 2);

        var source = VectorSource.Open(path, null);
        var records = source.Read().ToList();

        Assert.Equal(3, source.Count);
        Assert.Equal([4f, 5f], records[2].Vector);
    }

    [Fact]
    public void Open_Should_RejectWithAcceptedTypes_When_NpyDtypeIsUnsupported()
    {
        var path = WriteNpy("c.npy", "<c8", 8, rows: 1, columns: 1);

        var e = Assert.Throws<ImportFormatException>(() => VectorSource.Open(path, null).Read().ToList());

        Assert.Contains("accepted: float32, float64, float16, uint8, int8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Should_ParseIdsAndPayloads_When_FileIsJsonl()
    {
        var path = Path.Combine(_dir, "p.jsonl");
        File.WriteAllText(path, """
            {"id": 7, "vector": [1, 2], "payload": {"color": "red", "n": 3, "w": 0.5, "ok": true, "tags": ["a", "b"]}}

            {"id": "doc-1", "vector": [3, 4]}
            {"vector": [5, 6]}
            """);

        var records = VectorSource.Open(path, null).Read(firstId: 100).ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal(7UL, records[0].Id.Num);
        Assert.Equal("red", records[0].Payload!["color"].StringValue);
        Assert.Equal(3, records[0].Payload!["n"].IntegerValue);
        Assert.Equal(0.5, records[0].Payload!["w"].DoubleValue);
        Assert.Equal(2, records[0].Payload!["tags"].ListValue.Values.Count);
        Assert.Equal("doc-1", records[1].Id.Str);
        Assert.Equal(100UL, records[2].Id.Num);
    }

    [Fact]
    public void Read_Should_NameLineAndField_When_JsonlPayloadIsNested()
    {
        var path = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllText(path, "{\"vector\": [1]}\n{\"vector\": [1], \"payload\": {\"deep\": {\"x\": 1}}}\n");

        var e = Assert.Throws<ImportFormatException>(() => VectorSource.Open(path, null).Read().ToList());

        Assert.StartsWith($"{path}:2: payload field \"deep\" holds Object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Should_AskForFormat_When_ExtensionIsUnknown()
    {
        var path = Path.Combine(_dir, "data.bin");
        File.WriteAllText(path, "x");

        var e = Assert.Throws<ImportFormatException>(() => VectorSource.Open(path, null));

        Assert.Contains("--format jsonl|fvecs|bvecs|npy", e.Message, StringComparison.Ordinal);
    }

    private string WriteVecs(string name, float[][] vectors, bool bytes)
    {
        var path = Path.Combine(_dir, name);
        using var stream = File.Create(path);
        Span<byte> four = stackalloc byte[4];
        foreach (var v in vectors)
        {
            BinaryPrimitives.WriteInt32LittleEndian(four, v.Length);
            stream.Write(four);
            foreach (var x in v)
            {
                if (bytes)
                {
                    stream.WriteByte((byte)x);
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(four, x);
                    stream.Write(four);
                }
            }
        }

        return path;
    }

    private string WriteNpy(string name, string dtype, int itemSize, int rows, int columns)
    {
        var path = Path.Combine(_dir, name);
        var header = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        Span<byte> len = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        stream.Write(len);
        stream.Write(Encoding.ASCII.GetBytes(header));
        var item = new byte[itemSize];
        for (var i = 0; i < rows * columns; i++)
        {
            switch (dtype)
            {
                case "<f4":
                    BinaryPrimitives.WriteSingleLittleEndian(item, i);
                    break;
                case "<f8":
                    BinaryPrimitives.WriteDoubleLittleEndian(item, i);
                    break;
                default:
                    item[0] = (byte)i;
                    break;
            }

            stream.Write(item);
        }

        return path;
    }
}
