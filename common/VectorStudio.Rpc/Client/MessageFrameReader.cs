// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers;
using System.Buffers.Binary;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// Splits a response body into length-prefixed gRPC messages. It reads into one pooled buffer and
/// keeps what it read past the current message, so small messages cost one stream read for
/// several frames. <see cref="Message"/> is valid until the next <see cref="ReadAsync"/>.
/// </summary>
internal sealed class MessageFrameReader
{
    private const int InitialBufferSize = 4096;

    private readonly Stream _stream;
    private readonly int _maxMessageSize;
    private byte[] _buffer = [];
    private int _start;
    private int _end;

    public MessageFrameReader(Stream stream, int maxMessageSize)
    {
        _stream = stream;
        _maxMessageSize = maxMessageSize;
    }

    public bool Compressed { get; private set; }

    public ReadOnlyMemory<byte> Message { get; private set; }

    /// <summary>Reads the next message; false at a clean end of the body.</summary>
    /// <exception cref="RpcException">A truncated frame (INTERNAL) or one over the limit (RESOURCE_EXHAUSTED).
    /// </exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        Message = default;
        if (!await FillAsync(GrpcProtocol.MessagePrefixLength, cancellationToken).ConfigureAwait(false))
        {
            if (_end == _start)
            {
                return false;
            }

            throw new RpcException(StatusCode.Internal, "The response ended inside a message prefix.");
        }

        var flag = _buffer[_start];
        if (flag > 1)
        {
            throw new RpcException(StatusCode.Internal, $"Invalid compressed flag {flag} in a message prefix.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 1, 4));
        if (length > (uint)_maxMessageSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {_maxMessageSize}).");
        }

        var frameLength = GrpcProtocol.MessagePrefixLength + (int)length;
        if (!await FillAsync(frameLength, cancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(StatusCode.Internal, "The response ended inside a message.");
        }

        Compressed = flag == 1;
        Message = _buffer.AsMemory(_start + GrpcProtocol.MessagePrefixLength, (int)length);
        _start += frameLength;
        return true;
    }

    /// <summary>Returns the buffer to the pool. Only the reading side calls it, never while a read runs.</summary>
    public void Release()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        Message = default;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<bool> FillAsync(int needed, CancellationToken cancellationToken)
    {
        while (_end - _start < needed)
        {
            MakeRoom(needed);
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    /// <summary>Ensures the buffer can hold <paramref name="needed"/> bytes from the current frame's start.</summary>
    private void MakeRoom(int needed)
    {
        if (_buffer.Length - _start >= needed && _end < _buffer.Length)
        {
            return;
        }

        var buffered = _end - _start;
        if (_buffer.Length >= needed && _start > 0)
        {
            _buffer.AsSpan(_start, buffered).CopyTo(_buffer);
        }
        else
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(InitialBufferSize, _buffer.Length * 2)));
            _buffer.AsSpan(_start, buffered).CopyTo(bigger);
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = bigger;
        }

        _start = 0;
        _end = buffered;
    }
}
