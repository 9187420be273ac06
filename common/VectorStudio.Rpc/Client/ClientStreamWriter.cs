// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Rpc.Client;

/// <summary>The request stream of a client-streaming or duplex call. One write at a time.</summary>
internal sealed class ClientStreamWriter<TRequest, TResponse> : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcCall<TRequest, TResponse> _call;
    private int _writing;
    private volatile bool _completed;

    public ClientStreamWriter(GrpcCall<TRequest, TResponse> call) => _call = call;

    /// <summary>Writes a message. Cancelling <paramref name="cancellationToken"/> cancels the whole call.</summary>
    public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            return Task.FromException(new InvalidOperationException("The request stream has already been completed."));
        }

        if (Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
        {
            return Task.FromException(new InvalidOperationException("Only one write can be pending at a time."));
        }

        return WriteCoreAsync(message, cancellationToken);
    }

    public Task CompleteAsync()
    {
        if (Volatile.Read(ref _writing) != 0)
        {
            return Task.FromException(
                new InvalidOperationException("Cannot complete the request stream while a write is pending."));
        }

        _completed = true;
        _call.CompleteRequest();
        return Task.CompletedTask;
    }

    private async Task WriteCoreAsync(TRequest message, CancellationToken cancellationToken)
    {
        try
        {
            await _call.WriteMessageAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }
}
