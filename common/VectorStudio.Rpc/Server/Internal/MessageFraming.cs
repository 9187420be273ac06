// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;
using Google.Protobuf;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Server.Internal;

/// <summary>
/// Length-prefixed messages (PROTOCOL-HTTP2 "Length-Prefixed-Message"): a compressed flag byte, a
/// 4-byte big-endian length, then the message. Uncompressed messages are parsed straight from the
/// pipe's buffers and serialised straight into the response pipe, without intermediate arrays.
/// </summary>
internal static class MessageFraming
{
    /// <summary>Messages up to this size are serialised into one contiguous span.</summary>
    private const int ContiguousWriteLimit = 16 * 1024;

    /// <summary>Reads the next message; null at the end of the request stream.</summary>
    public static async ValueTask<T?> ReadAsync<T>(
        HttpServerCallContext call,
        MessageParser<T> parser,
        CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        var reader = call.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException("Reading the request stream was cancelled.");
            }

            T? message;
            try
            {
                if (TryParse(call, parser, ref buffer, out message))
                {
                    reader.AdvanceTo(buffer.Start);
                    return message;
                }
            }
            catch
            {
                reader.AdvanceTo(buffer.Start);
                throw;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                if (buffer.IsEmpty)
                {
                    return default;
                }

                throw new RpcException(new Status(
                    StatusCode.Internal,
                    $"Incomplete message: the request stream ended {buffer.Length} bytes into a message."));
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Serialises one message into <paramref name="writer"/>, compressed or not.</summary>
    public static void Write<T>(PipeWriter writer, T message, bool compress, int? maxSize)
        where T : IMessage<T>
    {
        var size = message.CalculateSize();
        CheckSendSize(size, maxSize);
        if (compress)
        {
            WriteCompressed(writer, message, size);
            return;
        }

        if (size <= ContiguousWriteLimit)
        {
            var span = writer.GetSpan(GrpcProtocol.MessagePrefixLength + size);
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
            message.WriteTo(span.Slice(GrpcProtocol.MessagePrefixLength, size));
            writer.Advance(GrpcProtocol.MessagePrefixLength + size);
            return;
        }

        var prefix = writer.GetSpan(GrpcProtocol.MessagePrefixLength);
        prefix[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)size);
        writer.Advance(GrpcProtocol.MessagePrefixLength);
        message.WriteTo(writer);
    }

    /// <summary>
    /// Parses one message from the front of <paramref name="buffer"/> and slices it off; false when
    /// the buffer does not hold a whole message yet. Protocol violations throw <see cref="RpcException"/>.
    /// </summary>
    public static bool TryParse<T>(
        HttpServerCallContext call,
        MessageParser<T> parser,
        ref ReadOnlySequence<byte> buffer,
        out T? message)
        where T : IMessage<T>
    {
        message = default;
        if (buffer.Length < GrpcProtocol.MessagePrefixLength)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[GrpcProtocol.MessagePrefixLength];
        buffer.Slice(0, GrpcProtocol.MessagePrefixLength).CopyTo(prefix);
        var flag = prefix[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        var limit = call.Options.MaxReceiveMessageSize;
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid message prefix: compressed flag {flag}."));
        }

        if (length > (uint)limit)
        {
            throw TooLarge(length, limit);
        }

        if (buffer.Length < GrpcProtocol.MessagePrefixLength + length)
        {
            return false;
        }

        var data = buffer.Slice(GrpcProtocol.MessagePrefixLength, length);
        buffer = buffer.Slice(data.End);
        try
        {
            message = flag == 0 ? parser.ParseFrom(data) : parser.ParseFrom(Decompress(call, data, limit));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(
                new Status(StatusCode.Internal, $"Could not parse the request message: {ex.Message}"),
                [],
                ex);
        }

        return true;
    }

    private static byte[] Decompress(HttpServerCallContext call, ReadOnlySequence<byte> data, int limit)
    {
        if (!call.RequestIsGzip)
        {
            throw new RpcException(new Status(
                StatusCode.Internal,
                "A request message is flagged as compressed, but the call has no grpc-encoding."));
        }

        try
        {
            using var input = new MemoryStream(data.ToArray(), writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
                {
                    if (output.Length + read > limit)
                    {
                        throw new RpcException(new Status(
                            StatusCode.ResourceExhausted,
                            $"Received message decompresses to more than the maximum receive size of {limit} bytes."));
                    }

                    output.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(
                new Status(StatusCode.Internal, $"Could not decompress the request message: {ex.Message}"),
                [],
                ex);
        }
    }

    private static void WriteCompressed<T>(PipeWriter writer, T message, int size)
        where T : IMessage<T>
    {
        var raw = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            message.WriteTo(raw.AsSpan(0, size));
            var compressed = MessageCompression.Gzip(raw.AsSpan(0, size));
            var span = writer.GetSpan(GrpcProtocol.MessagePrefixLength);
            span[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)compressed.Length);
            writer.Advance(GrpcProtocol.MessagePrefixLength);
            writer.Write(compressed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static void CheckSendSize(int size, int? maxSize)
    {
        if (size > maxSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Response message of {size} bytes exceeds the maximum send size of {maxSize} bytes."));
        }
    }

    private static RpcException TooLarge(uint length, int limit) =>
        new(new Status(
            StatusCode.ResourceExhausted,
            $"Received message of {length} bytes exceeds the maximum receive size of {limit} bytes."));
}
