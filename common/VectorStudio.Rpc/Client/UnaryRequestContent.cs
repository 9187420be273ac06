// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// The body of a call with one request message, framed up front. It reports no length: gRPC bodies
/// are delimited by END_STREAM, and peers do not expect a content-length.
/// </summary>
internal sealed class UnaryRequestContent : HttpContent
{
    private readonly byte[] _frame;

    public UnaryRequestContent(byte[] frame)
    {
        _frame = frame;
        Headers.TryAddWithoutValidation("content-type", Protocol.GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_frame, 0, _frame.Length);

    protected override Task SerializeToStreamAsync(
        Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_frame.AsMemory(), cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
