// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VectorStudio.Rpc.Tests.Infrastructure;

/// <summary>
/// Just enough HTTP/2 over a bare socket to open one gRPC stream and then vanish: connection
/// preface, an empty SETTINGS frame, HEADERS (HPACK literals, no Huffman) and DATA. Lets a test
/// drop the TCP connection under a running call, which HttpClient never does on purpose.
/// </summary>
internal sealed class RawHttp2Connection : IDisposable
{
    private const byte FrameData = 0x0;
    private const byte FrameHeaders = 0x1;
    private const byte FrameResetStream = 0x3;
    private const byte FrameSettings = 0x4;
    private const int ErrorCancel = 0x8;
    private const byte FlagEndStream = 0x1;
    private const byte FlagEndHeaders = 0x4;

    private readonly TcpClient _tcp = new();
    private NetworkStream? _stream;

    /// <summary>
    /// Opens stream 1 and sends <paramref name="body"/>; <paramref name="endStream"/> half-closes it.
    /// </summary>
    public async Task OpenStreamAsync(
        int port,
        string path,
        byte[] body,
        bool endStream,
        params (string Key, string Value)[] headers)
    {
        await _tcp.ConnectAsync(IPAddress.Loopback, port);
        _stream = _tcp.GetStream();
        await _stream.WriteAsync(Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        await WriteFrameAsync(FrameSettings, 0, 0, []);

        var block = new MemoryStream();
        Literal(block, ":method", "POST");
        Literal(block, ":scheme", "http");
        Literal(block, ":path", path);
        Literal(block, ":authority", $"127.0.0.1:{port}");
        Literal(block, "content-type", "application/grpc");
        Literal(block, "te", "trailers");
        foreach (var (key, value) in headers)
        {
            Literal(block, key, value);
        }

        await WriteFrameAsync(FrameHeaders, FlagEndHeaders, 1, block.ToArray());
        await WriteFrameAsync(FrameData, endStream ? FlagEndStream : (byte)0, 1, body);
    }

    /// <summary>Reads frames until one DATA frame arrives on the stream: the call is running.</summary>
    public async Task WaitForDataAsync(CancellationToken cancellationToken)
    {
        var header = new byte[9];
        while (true)
        {
            await _stream!.ReadExactlyAsync(header, cancellationToken);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            await _stream.ReadExactlyAsync(new byte[length], cancellationToken);
            if (header[3] == FrameData && length > 0)
            {
                return;
            }
        }
    }

    /// <summary>Cancels stream 1 with RST_STREAM(CANCEL), as a client does when its call is cancelled.</summary>
    public Task ResetStreamAsync()
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, ErrorCancel);
        return WriteFrameAsync(FrameResetStream, 0, 1, payload);
    }

    /// <summary>Drops the connection with a TCP reset, the way a crashed client goes.</summary>
    public void Dispose()
    {
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _tcp.Dispose();
    }

    private async Task WriteFrameAsync(byte type, byte flags, int streamId, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId);
        payload.CopyTo(frame, 9);
        await _stream!.WriteAsync(frame);
    }

    /// <summary>
    /// HPACK "literal header field without indexing, new name" (RFC 7541 6.2.2); strings under 127 bytes.
    /// </summary>
    private static void Literal(MemoryStream block, string name, string value)
    {
        block.WriteByte(0);
        block.WriteByte((byte)name.Length);
        block.Write(Encoding.ASCII.GetBytes(name));
        block.WriteByte((byte)value.Length);
        block.Write(Encoding.ASCII.GetBytes(value));
    }
}
