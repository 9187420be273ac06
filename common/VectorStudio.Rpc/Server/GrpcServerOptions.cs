// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Server;

/// <summary>How a <see cref="GrpcServer"/> treats every call: message limits, compression, interceptors.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>
    /// The largest request message accepted, in bytes, before and after decompression. Larger ones fail
    /// the call with RESOURCE_EXHAUSTED. Default 4 MiB, as in the official stacks.
    /// </summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>The largest response message sent, in bytes; null is unlimited (the official default).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Compress every response with this <c>grpc-encoding</c> (only "gzip" is known) when the client
    /// accepts it. Null compresses only responses to clients that compress their own requests.
    /// </summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Wrap every call, first registered outermost.</summary>
    public IList<ServerInterceptor> Interceptors { get; } = [];

    /// <summary>The clock behind deadlines.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where handler exceptions are logged; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
