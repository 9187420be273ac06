// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Rpc.Client;

/// <summary>The response stream of a server-streaming or duplex call.</summary>
internal sealed class ResponseStreamReader<TRequest, TResponse> : IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcCall<TRequest, TResponse> _call;
    private TResponse? _current;

    public ResponseStreamReader(GrpcCall<TRequest, TResponse> call) => _call = call;

    public TResponse Current => _current ?? throw new InvalidOperationException("No message has been read yet.");

    /// <summary>Reads the next message. Cancelling the token cancels the whole call.</summary>
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        var message = await _call.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return false;
        }

        _current = message;
        return true;
    }
}
