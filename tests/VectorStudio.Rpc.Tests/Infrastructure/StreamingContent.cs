// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Threading.Channels;

namespace VectorStudio.Rpc.Tests.Infrastructure;

/// <summary>A request body written frame by frame while the response is read: a duplex gRPC stream.</summary>
internal sealed class StreamingContent : HttpContent
{
    private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>();

    public void Write(byte[] frame) => _frames.Writer.TryWrite(frame);

    public void Complete() => _frames.Writer.TryComplete();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await foreach (var frame in _frames.Reader.ReadAllAsync())
        {
            await stream.WriteAsync(frame);
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
