// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// The body of a streaming request. The handler hands over its request stream and the body stays
/// open until the caller half-closes it, so messages are pushed one by one while responses flow
/// back (HTTP/2 duplex in SocketsHttpHandler).
/// </summary>
internal sealed class PushRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushRequestContent() =>
        Headers.TryAddWithoutValidation("content-type", Protocol.GrpcProtocol.ContentType);

    /// <summary>The handler's request stream, once it starts sending the body.</summary>
    public Task<Stream> StreamAsync => _stream.Task;

    /// <summary>Ends the body cleanly: the handler sends END_STREAM.</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Ends the body because the call ended: writes fail with <paramref name="error"/>.</summary>
    public void Abort(Exception error)
    {
        if (_stream.TrySetException(error))
        {
            // Observed here so that a call nobody writes to raises no unobserved-task event.
            _ = _stream.Task.Exception;
        }

        _completed.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(
        Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
