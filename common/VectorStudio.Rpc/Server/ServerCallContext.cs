// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Server;

/// <summary>What a handler knows about, and can set on, the call it serves.</summary>
public abstract class ServerCallContext
{
    /// <summary>The full method name, e.g. <c>/vectorstudio.v1.Points/Search</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The remote address, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>When the call's deadline (<c>grpc-timeout</c>) expires, or null when it has none.</summary>
    public abstract DateTimeOffset? Deadline { get; }

    /// <summary>Headers the client sent (reserved and pseudo headers excluded).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Cancelled when the deadline expires, the client cancels or the connection drops.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailers sent after the last message, with the status.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status to end the call with when the handler returns normally.</summary>
    public abstract Status Status { get; set; }

    /// <summary>Whether the client connected over TLS.</summary>
    public abstract bool IsSecure { get; }

    /// <summary>Per-call state shared between interceptors and handlers.</summary>
    public abstract IDictionary<object, object?> UserState { get; }

    /// <summary>
    /// Sends the response headers now, with these entries added. At most once, and before the
    /// first response message (which otherwise sends them).
    /// </summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
