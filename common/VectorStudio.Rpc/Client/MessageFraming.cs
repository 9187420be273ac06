// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// Writes request messages as gRPC frames: a compressed flag, a 4-byte big-endian length, then the
/// (possibly gzip-compressed) protobuf bytes, serialized straight into the frame's buffer.
/// </summary>
internal static class MessageFraming
{
    /// <summary>
    /// Frames a message into a buffer of exactly the frame's size. Unary requests use it rather than
    /// a pooled buffer because the handler may send the content again on a connection-level retry.
    /// </summary>
    public static byte[] Frame(IMessage message, bool compress, int? maxSendMessageSize)
    {
        var size = CheckedSize(message, maxSendMessageSize);
        if (compress)
        {
            return FrameCompressed(message, size, rented: false, out _);
        }

        var frame = new byte[GrpcProtocol.MessagePrefixLength + size];
        WritePrefix(frame, compressed: false, size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.MessagePrefixLength));
        return frame;
    }

    /// <summary>Frames a message into a buffer from the shared pool; the caller returns it.</summary>
    public static byte[] FramePooled(IMessage message, bool compress, int? maxSendMessageSize, out int length)
    {
        var size = CheckedSize(message, maxSendMessageSize);
        if (compress)
        {
            return FrameCompressed(message, size, rented: true, out length);
        }

        length = GrpcProtocol.MessagePrefixLength + size;
        var frame = ArrayPool<byte>.Shared.Rent(length);
        WritePrefix(frame, compressed: false, size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.MessagePrefixLength, size));
        return frame;
    }

    private static int CheckedSize(IMessage message, int? maxSendMessageSize)
    {
        var size = message.CalculateSize();
        if (size > maxSendMessageSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted,
                $"Sending message larger than max ({size} vs. {maxSendMessageSize}).");
        }

        return size;
    }

    private static byte[] FrameCompressed(IMessage message, int size, bool rented, out int length)
    {
        var plain = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        byte[] compressed;
        try
        {
            message.WriteTo(plain.AsSpan(0, size));
            compressed = MessageCompression.Gzip(plain.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }

        length = GrpcProtocol.MessagePrefixLength + compressed.Length;
        var frame = rented ? ArrayPool<byte>.Shared.Rent(length) : new byte[length];
        WritePrefix(frame, compressed: true, compressed.Length);
        compressed.CopyTo(frame.AsSpan(GrpcProtocol.MessagePrefixLength));
        return frame;
    }

    private static void WritePrefix(Span<byte> frame, bool compressed, int length)
    {
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame[1..], (uint)length);
    }
}
