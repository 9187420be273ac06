// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using VectorStudio.Hashing;

namespace VectorStudio.Embedder.Export;

/// <summary>
/// Writes TFRecord framing: per record <c>uint64 length, uint32 masked_crc32c(length bytes), data,
/// uint32 masked_crc32c(data)</c>, all little-endian, records back to back.
/// </summary>
public sealed class TfRecordWriter : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _header = new byte[12];
    private readonly byte[] _footer = new byte[4];

    public TfRecordWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Records written so far.</summary>
    public long Count { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), Crc32C.Mask(Crc32C.Compute(_header.AsSpan(0, 8))));
        BinaryPrimitives.WriteUInt32LittleEndian(_footer, Crc32C.Mask(Crc32C.Compute(data.Span)));
        await _stream.WriteAsync(_header, cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync(_footer, cancellationToken).ConfigureAwait(false);
        Count++;
    }

    /// <summary>Writes one <c>tf.train.Example</c> record.</summary>
    public ValueTask WriteExampleAsync(TrainingExample example, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(example);
        return WriteAsync(TfExampleCodec.Encode(example.ToFeatures()), cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => _stream.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stream.FlushAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
