// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Rpc.Server.Internal;

/// <summary>The handler's view of a request stream.</summary>
internal sealed class RequestStreamReader<T>(HttpServerCallContext call, MessageParser<T> parser)
    : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;
    private bool _completed;

    public T Current => _current ?? throw new InvalidOperationException("MoveNextAsync has not returned true yet.");

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return false;
        }

        T? next;
        if (cancellationToken.CanBeCanceled && cancellationToken != call.CancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(
                cancellationToken,
                call.CancellationToken);
            next = await MessageFraming.ReadAsync(call, parser, linked.Token).ConfigureAwait(false);
        }
        else
        {
            next = await MessageFraming.ReadAsync(call, parser, call.CancellationToken).ConfigureAwait(false);
        }

        if (next is null)
        {
            _completed = true;
            return false;
        }

        _current = next;
        return true;
    }
}
