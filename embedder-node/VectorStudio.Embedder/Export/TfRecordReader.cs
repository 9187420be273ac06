// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using VectorStudio.Hashing;

namespace VectorStudio.Embedder.Export;

/// <summary>
/// Reads TFRecord framing, written from the format's description (not from our writer): both masked
/// CRC-32C checksums are verified, and a damaged or truncated record is an error naming its offset.
/// </summary>
public static class TfRecordReader
{
    /// <summary>Largest record accepted; a length beyond it means a damaged header, not a real record.</summary>
    public const long MaxRecordLength = 1L << 30;

    /// <summary>The records of <paramref name="stream"/>, in order.</summary>
    public static async IAsyncEnumerable<byte[]> ReadAsync(
        Stream stream,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[12];
        var footer = new byte[4];
        long offset = 0;
        for (long index = 0; ; index++)
        {
            int got = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            if (got == 0)
            {
                yield break;
            }

            Require(got == header.Length, index, offset, $"the header is truncated ({got} of 12 bytes)");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            uint lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
            bool lengthIntact = Crc32C.Mask(Crc32C.Compute(header.AsSpan(0, 8))) == lengthCrc;
            Require(lengthIntact, index, offset, "the length's checksum does not match");
            Require(length <= MaxRecordLength, index, offset, $"its length {length} exceeds {MaxRecordLength}");
            var data = new byte[length];
            got = await stream.ReadAtLeastAsync(data, data.Length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            Require(got == data.Length, index, offset, $"the data is truncated ({got} of {length} bytes)");
            got = await stream.ReadAtLeastAsync(footer, footer.Length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            Require(got == footer.Length, index, offset, "the data checksum is missing");
            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(footer);
            Require(Crc32C.Mask(Crc32C.Compute(data)) == dataCrc, index, offset, "the data's checksum does not match");
            offset += 16 + data.Length;
            yield return data;
        }
    }

    /// <summary>Reads a whole TFRecord file of <c>tf.train.Example</c> records as training examples.</summary>
    public static async Task<List<TrainingExample>> ReadExamplesAsync(
        string path,
        CancellationToken cancellationToken = default)
    {
        var examples = new List<TrainingExample>();
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in ReadAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                examples.Add(TrainingExample.FromFeatures(TfExampleCodec.Decode(record)));
            }
        }

        return examples;
    }

    private static void Require(bool condition, long index, long offset, string problem)
    {
        if (!condition)
        {
            throw new TfRecordFormatException($"TFRecord {index} at byte {offset} is damaged: {problem}.");
        }
    }
}
