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

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <summary>
    /// Observes <paramref name="cancellationToken"/>: when the response is disposed, HttpClient sends
    /// RST_STREAM only once the request body stops, so a body idling on a channel must wake up.
    /// </summary>
    protected override async Task SerializeToStreamAsync(
        Stream stream,
        TransportContext? context,
        CancellationToken cancellationToken)
    {
        await foreach (var frame in _frames.Reader.ReadAllAsync(cancellationToken))
        {
            await stream.WriteAsync(frame, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
