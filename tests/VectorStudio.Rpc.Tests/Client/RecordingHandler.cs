// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>Passes calls to a real SocketsHttpHandler and records the gRPC headers seen both ways.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<string> RequestEncodings { get; } = new();

    public ConcurrentQueue<string> ResponseEncodings { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Record(request.Headers, RequestEncodings);
        var response = await base.SendAsync(request, cancellationToken);
        Record(response.Headers, ResponseEncodings);
        return response;
    }

    private static void Record(System.Net.Http.Headers.HttpHeaders headers, ConcurrentQueue<string> into)
    {
        if (headers.NonValidated.TryGetValues("grpc-encoding", out var values))
        {
            into.Enqueue(values.ToString());
        }
    }
}
