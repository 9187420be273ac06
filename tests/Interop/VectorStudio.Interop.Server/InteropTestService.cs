// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Health;
using VectorStudio.Rpc.Server;
using VectorStudio.Testing.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VectorStudio.Interop.Server;

/// <summary>
/// vectorstudio.testing.v1.InteropTest as its .proto comments define it. Beyond them:
/// <list type="bullet">
/// <item>request metadata with keys starting <c>x-echo-</c> is echoed in <c>echoed_metadata</c> and
/// also sent back as response headers and as trailers (binary <c>-bin</c> values round-trip);</item>
/// <item>a Unary request whose <c>text</c> is <c>set-health:SERVICE=STATUS</c> (STATUS one of
/// SERVING, NOT_SERVING, UNKNOWN, or CLEAR to forget the service) changes the health service, so
/// clients can watch a status change.</item>
/// </list>
/// </summary>
public sealed class InteropTestService(HealthService health, TimeProvider time)
{
    public const string EchoPrefix = "x-echo-";
    public const string SetHealthPrefix = "set-health:";

    public ServiceDefinition CreateDefinition() =>
        ServiceDefinition.CreateBuilder(InteropReflection.Descriptor.Services[0])
            .AddUnary<EchoRequest, EchoResponse>("Unary", UnaryAsync)
            .AddServerStreaming<StreamRequest, EchoResponse>("ServerStream", ServerStreamAsync)
            .AddClientStreaming<EchoRequest, EchoResponse>("ClientStream", ClientStreamAsync)
            .AddDuplexStreaming<EchoRequest, EchoResponse>("Bidi", BidiAsync)
            .Build();

    private async Task<EchoResponse> UnaryAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.Text.StartsWith(SetHealthPrefix, StringComparison.Ordinal))
        {
            SetHealth(request.Text[SetHealthPrefix.Length..]);
        }

        var echoed = await EchoMetadataAsync(context).ConfigureAwait(false);
        await ApplyAsync(request, context).ConfigureAwait(false);
        var response = Respond(request, 0, request.Payload.Length);
        response.EchoedMetadata.Add(echoed);
        return response;
    }

    private async Task ServerStreamAsync(
        StreamRequest request,
        IServerStreamWriter<EchoResponse> responses,
        ServerCallContext context)
    {
        var echoed = await EchoMetadataAsync(context).ConfigureAwait(false);
        for (var i = 0; i < request.Count; i++)
        {
            if (i > 0 && request.DelayMsBetween > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(request.DelayMsBetween), time, context.CancellationToken)
                    .ConfigureAwait(false);
            }

            var response = new EchoResponse
            {
                Payload = request.Payload,
                Index = i,
                TotalBytes = request.Payload.Length,
            };
            response.EchoedMetadata.Add(echoed);
            await responses.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }

        if (request.FailWithCode != 0)
        {
            throw new RpcException((StatusCode)request.FailWithCode, request.ErrorMessage);
        }
    }

    private async Task<EchoResponse> ClientStreamAsync(
        IAsyncStreamReader<EchoRequest> requests,
        ServerCallContext context)
    {
        var echoed = await EchoMetadataAsync(context).ConfigureAwait(false);
        long count = 0;
        long total = 0;
        while (await requests.MoveNextAsync(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requests.Current;
            await ApplyAsync(request, context).ConfigureAwait(false);
            count++;
            total += request.Payload.Length;
        }

        var response = new EchoResponse { Index = count, TotalBytes = total };
        response.EchoedMetadata.Add(echoed);
        return response;
    }

    private async Task BidiAsync(
        IAsyncStreamReader<EchoRequest> requests,
        IServerStreamWriter<EchoResponse> responses,
        ServerCallContext context)
    {
        var echoed = await EchoMetadataAsync(context).ConfigureAwait(false);
        long index = 0;
        long total = 0;
        while (await requests.MoveNextAsync(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requests.Current;
            await ApplyAsync(request, context).ConfigureAwait(false);
            total += request.Payload.Length;
            var response = Respond(request, index++, total);
            response.EchoedMetadata.Add(echoed);
            await responses.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits <c>delay_ms</c>, then fails with <c>fail_with_code</c> when set.</summary>
    private async Task ApplyAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0)
        {
            var delay = TimeSpan.FromMilliseconds(request.DelayMs);
            await Task.Delay(delay, time, context.CancellationToken).ConfigureAwait(false);
        }

        if (request.FailWithCode != 0)
        {
            throw new RpcException((StatusCode)request.FailWithCode, request.ErrorMessage);
        }
    }

    private static EchoResponse Respond(EchoRequest request, long index, long totalBytes) => new()
    {
        Payload = request.ResponseSize > 0 ? ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Payload,
        Text = request.Text,
        Index = index,
        TotalBytes = totalBytes,
    };

    /// <summary>
    /// Sends the <c>x-echo-*</c> request metadata back as response headers and trailers, and returns
    /// it as sorted "key=value" strings. Calls without such keys allocate nothing here and send
    /// nothing early, so they keep the single-flush unary path the benchmarks measure.
    /// </summary>
    private static ValueTask<string[]> EchoMetadataAsync(ServerCallContext context)
    {
        var headers = context.RequestHeaders;
        var count = 0;
        foreach (var entry in headers)
        {
            if (entry.Key.StartsWith(EchoPrefix, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count == 0 ? ValueTask.FromResult<string[]>([]) : EchoAsync(context, headers, count);
    }

    private static async ValueTask<string[]> EchoAsync(ServerCallContext context, Metadata headers, int count)
    {
        var echo = new Metadata();
        var lines = new string[count];
        foreach (var entry in headers)
        {
            if (entry.Key.StartsWith(EchoPrefix, StringComparison.Ordinal))
            {
                lines[echo.Count] = $"{entry.Key}={entry.Value}";
                echo.Add(entry);
                context.ResponseTrailers.Add(entry);
            }
        }

        Array.Sort(lines, StringComparer.Ordinal);
        await context.WriteResponseHeadersAsync(echo).ConfigureAwait(false);
        return lines;
    }

    private void SetHealth(string command)
    {
        var split = command.LastIndexOf('=');
        if (split < 0)
        {
            throw new RpcException(
                StatusCode.InvalidArgument,
                $"Expected {SetHealthPrefix}SERVICE=STATUS, got '{command}'.");
        }

        var service = command[..split];
        switch (command[(split + 1)..])
        {
            case "SERVING":
                health.SetStatus(service, ServingStatus.Serving);
                break;
            case "NOT_SERVING":
                health.SetStatus(service, ServingStatus.NotServing);
                break;
            case "UNKNOWN":
                health.SetStatus(service, ServingStatus.Unknown);
                break;
            case "CLEAR":
                health.ClearStatus(service);
                break;
            default:
                throw new RpcException(StatusCode.InvalidArgument, $"Unknown health status in '{command}'.");
        }
    }
}
