// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using Google.Protobuf;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Tests.Infrastructure;

/// <summary>Builds and splits gRPC length-prefixed messages by hand, independently of the server code.</summary>
internal static class GrpcFrames
{
    public static byte[] Frame(IMessage message, bool compress = false)
    {
        var data = message.ToByteArray();
        return compress ? Frame(1, MessageCompression.Gzip(data)) : Frame(0, data);
    }

    public static byte[] Frame(byte flag, byte[] data, uint? declaredLength = null)
    {
        var frame = new byte[GrpcProtocol.MessagePrefixLength + data.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)data.Length);
        data.CopyTo(frame, GrpcProtocol.MessagePrefixLength);
        return frame;
    }

    public static byte[] Concat(params byte[][] frames) => [.. frames.SelectMany(f => f)];

    public static List<(bool Compressed, byte[] Data)> Split(byte[] body)
    {
        var result = new List<(bool, byte[])>();
        var offset = 0;
        while (offset < body.Length)
        {
            var flag = body[offset];
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            var data = body.AsSpan(offset + GrpcProtocol.MessagePrefixLength, length).ToArray();
            result.Add((flag == 1, flag == 1 ? MessageCompression.Gunzip(data, int.MaxValue)! : data));
            offset += GrpcProtocol.MessagePrefixLength + length;
        }

        return result;
    }
}
