// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace VectorStudio.Rpc.Server.Internal;

/// <summary>
/// Runs one bound method per call: protocol checks, interceptors, the handler, then the status.
/// One instance per method, shared by all its calls.
/// </summary>
internal abstract class ServerCallHandler(GrpcServer server, string fullName)
{
    /// <summary>Kestrel's default request-body cap is 30 MB; stay well clear of it.</summary>
    private const int BodyLimitThreshold = 16 * 1024 * 1024;

    protected GrpcServer Server { get; } = server;

    public string FullName { get; } = fullName;

    /// <summary>Whether the request is a stream that may outlive Kestrel's request-body limits.</summary>
    protected abstract bool HasRequestStream { get; }

    /// <summary>Whether an OK answer must carry exactly one response message (unary and client streaming).</summary>
    protected abstract bool HasSingleResponse { get; }

    public async Task HandleCallAsync(HttpContext http)
    {
        if (HasRequestStream || Server.Options.MaxReceiveMessageSize > BodyLimitThreshold)
        {
            LiftBodyLimits(http);
        }

        var call = new HttpServerCallContext(http, Server, FullName);
        try
        {
            if (call.Start() is { } failure)
            {
                call.Status = failure;
            }
            else if (Server.Interceptors.Length == 0)
            {
                await InvokeAsync(call).ConfigureAwait(false);
            }
            else
            {
                await InterceptAsync(call, 0).ConfigureAwait(false);
            }

            if (HasSingleResponse && !call.MessageWritten && call.Status.StatusCode == StatusCode.OK)
            {
                // An interceptor ended the call without the handler and without an error status.
                call.Status = new Status(StatusCode.Internal, "The call ended OK without a response message.");
            }

            call.Complete();
        }
        catch (Exception ex)
        {
            call.Complete(ex);
        }
        finally
        {
            call.Dispose();
        }
    }

    /// <summary>Reads the request, runs the handler and writes its response messages.</summary>
    protected abstract Task InvokeAsync(HttpServerCallContext call);

    /// <summary>
    /// Reads the single request message of a unary or server-streaming call. The common case, a
    /// body that has fully arrived by the time the handler runs, completes synchronously.
    /// </summary>
    protected static ValueTask<T> ReadSingleAsync<T>(HttpServerCallContext call, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var reader = call.BodyReader;
        if (!reader.TryRead(out var result))
        {
            return ReadSingleSlowAsync(call, parser);
        }

        var buffer = result.Buffer;
        if (result.IsCompleted && !result.IsCanceled)
        {
            bool parsed;
            T? message;
            try
            {
                parsed = MessageFraming.TryParse(call, parser, ref buffer, out message);
            }
            catch
            {
                reader.AdvanceTo(result.Buffer.Start);
                throw;
            }

            if (parsed && buffer.IsEmpty)
            {
                reader.AdvanceTo(buffer.End);
                return new ValueTask<T>(message!);
            }
        }

        // Not one whole message yet (or something odd): leave the bytes for the general path.
        reader.AdvanceTo(result.Buffer.Start);
        return ReadSingleSlowAsync(call, parser);
    }

    private static async ValueTask<T> ReadSingleSlowAsync<T>(HttpServerCallContext call, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var token = call.CancellationToken;
        var message = await MessageFraming.ReadAsync(call, parser, token).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "No request message: this method takes exactly one.");
        var extra = await MessageFraming.ReadAsync(call, parser, token).ConfigureAwait(false);
        if (extra is not null)
        {
            throw new RpcException(
                StatusCode.Internal,
                "More than one request message: this method takes exactly one.");
        }

        return message;
    }

    private static void LiftBodyLimits(HttpContext http)
    {
        // A stream carries many messages over a long time: Kestrel's 30 MB body cap and minimum
        // data rate are meant for uploads, not for an idle bidi stream.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }

    private Task InterceptAsync(HttpServerCallContext call, int index)
    {
        var interceptors = Server.Interceptors;
        if (index == interceptors.Length)
        {
            return InvokeAsync(call);
        }

        return interceptors[index].InterceptAsync(call, () => InterceptAsync(call, index + 1));
    }
}
