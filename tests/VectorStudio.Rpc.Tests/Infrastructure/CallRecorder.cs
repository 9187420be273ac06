// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using VectorStudio.Rpc.Server;

namespace VectorStudio.Rpc.Tests.Infrastructure;

/// <summary>
/// An interceptor that remembers, per <c>x-test-id</c> request header, whether the handler's
/// cancellation token was cancelled by the time the call ended.
/// </summary>
internal sealed class CallRecorder : ServerInterceptor
{
    public const string IdHeader = "x-test-id";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _calls = new();

    public Task<bool> WasCancelledAsync(string id) => Entry(id).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public override async Task InterceptAsync(ServerCallContext context, Func<Task> continuation)
    {
        var id = context.RequestHeaders.GetValue(IdHeader);
        try
        {
            await continuation();
        }
        finally
        {
            if (id is not null)
            {
                Entry(id).TrySetResult(context.CancellationToken.IsCancellationRequested);
            }
        }
    }

    private TaskCompletionSource<bool> Entry(string id) =>
        _calls.GetOrAdd(id, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
}
