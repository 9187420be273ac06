// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Export;

namespace VectorStudio.Embedder.Tests.Export;

public sealed class TfRecordTests : IDisposable
{
    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "vs-tfrecord-" + Guid.NewGuid().ToString("N"));

    public TfRecordTests() => Directory.CreateDirectory(_directory);

    public static TrainingExample[] Examples { get; } =
    [
        new([0.5f, -1.25f, 3.0e-8f, float.MaxValue], TextLabel: "cat", Id: "doc-1"),
        new([1f, 2f, 3f, 4f], NumericLabel: 7, Id: "doc-2"),
        new([-0f, 1e30f, -2.5f, 0.1f], TextLabel: "ünïcödé 标签 😀"),
        new([0.25f, 0.5f, 0.75f, 1f], NumericLabel: -123456789012L),
        new([9f, 8f, 7f, 6f]),
    ];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WriteFileAsync_Should_RoundTripThroughTheReader_When_ExamplesAreVaried()
    {
        var path = Path.Combine(_directory, "train.tfrecord");
        TrainingExample[] extremes =
            [new([1f], NumericLabel: long.MinValue), new([2f], NumericLabel: long.MaxValue), new([], TextLabel: "")];

        long count = await TfRecordExport.WriteFileAsync(path, [.. Examples, .. extremes]);
        var read = await TfRecordReader.ReadExamplesAsync(path);

        Assert.Equal(Examples.Length + extremes.Length, count);
        Assert.Equal([.. Examples, .. extremes], read);
        Assert.Single(Directory.GetFiles(_directory)); // no temporary file left
    }

    [Fact]
    public async Task ReadAsync_Should_NameTheRecordAndOffset_When_DataChecksumFails()
    {
        var path = await WriteAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        int second = RecordLength(bytes, 0);
        bytes[second + 12 + 3] ^= 0x40; // a byte inside record 1's data
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<TfRecordFormatException>(() => TfRecordReader.ReadExamplesAsync(path));

        Assert.Equal($"TFRecord 1 at byte {second} is damaged: the data's checksum does not match.", error.Message);
    }

    [Fact]
    public async Task ReadAsync_Should_RejectTheLength_When_LengthChecksumFails()
    {
        var path = await WriteAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[0] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<TfRecordFormatException>(() => TfRecordReader.ReadExamplesAsync(path));

        Assert.Contains(
            "TFRecord 0 at byte 0 is damaged: the length's checksum does not match",
            error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "the data checksum is missing")]
    [InlineData(10, "the data is truncated")]
    [InlineData(-1, "the header is truncated")]
    public async Task ReadAsync_Should_ReportTruncation_When_FileEndsInsideARecord(int cut, string expected)
    {
        var path = await WriteAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        int keep = cut > 0 ? bytes.Length - cut : RecordLength(bytes, 0) + 5;
        await File.WriteAllBytesAsync(path, bytes[..keep]);

        var error = await Assert.ThrowsAsync<TfRecordFormatException>(() => TfRecordReader.ReadExamplesAsync(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteFileAsync_Should_KeepTheOldFile_When_TheExportFails()
    {
        var path = await WriteAsync();
        var before = await File.ReadAllBytesAsync(path);

        static IEnumerable<TrainingExample> Failing()
        {
            yield return new([1f], TextLabel: "a");
            throw new InvalidOperationException("source failed");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => TfRecordExport.WriteFileAsync(path, Failing()));

        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void FromFeatures_Should_ThrowAClearError_When_EmbeddingIsMissing()
    {
        var bytes = TfExampleCodec.Encode([new("label", TfFeature.OfText("x"))]);

        var error = Assert.Throws<TfRecordFormatException>(
            () => TrainingExample.FromFeatures(TfExampleCodec.Decode(bytes)));

        Assert.Contains("no float_list feature \"embedding\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Should_ThrowAClearError_When_BytesAreNotProtobuf()
    {
        var error = Assert.Throws<TfRecordFormatException>(() => TfExampleCodec.Decode([0x0A, 0x7F, 0x01]));

        Assert.Contains("not a valid tf.train.Example", error.Message, StringComparison.Ordinal);
    }

    internal async Task<string> WriteAsync()
    {
        var path = Path.Combine(_directory, "train.tfrecord");
        await TfRecordExport.WriteFileAsync(path, Examples);
        return path;
    }

    /// <summary>Bytes taken by the record starting at <paramref name="offset"/> (12 header + data + 4).</summary>
    internal static int RecordLength(byte[] file, int offset) => 16 + (int)BitConverter.ToUInt64(file, offset);
}
