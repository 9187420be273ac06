// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using VectorStudio.Client;
using VectorStudio.Rpc.Client;

namespace VectorStudio.ShardNode.Embedding;

/// <summary>
/// One gRPC channel per embedder endpoint, shared by every collection bound to it and every call, so calls
/// reuse the HTTP/2 connection. A channel lives until <see cref="Release"/> (its last collection was
/// deleted) or until the node stops.
/// </summary>
public sealed class EmbedderConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Connection>> _connections = new(StringComparer.Ordinal);
    private readonly GrpcChannelOptions _options;
    private bool _disposed;

    /// <param name="connectTimeout">How long a call waits for a TCP connection before UNAVAILABLE.</param>
    public EmbedderConnections(TimeSpan? connectTimeout = null)
    {
        _options = new GrpcChannelOptions { ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5) };
    }

    /// <summary>Endpoints with an open channel.</summary>
    public int Count => _connections.Count;

    /// <summary>The client for a normalised endpoint (<see cref="EmbedderEndpoint.Normalize"/>).</summary>
    public EmbedderClient Get(string endpoint)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _connections.GetOrAdd(endpoint, e => new Lazy<Connection>(() => new Connection(e, _options))).Value.Client;
    }

    /// <summary>Closes the endpoint's channel; a later <see cref="Get"/> opens a new one.</summary>
    public void Release(string endpoint)
    {
        if (_connections.TryRemove(endpoint, out var connection) && connection.IsValueCreated)
        {
            connection.Value.Channel.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var endpoint in _connections.Keys)
        {
            Release(endpoint);
        }
    }

    private sealed class Connection
    {
        public Connection(string endpoint, GrpcChannelOptions options)
        {
            Channel = GrpcChannel.ForAddress(endpoint, options);
            Client = new EmbedderClient(Channel);
        }

        public GrpcChannel Channel { get; }

        public EmbedderClient Client { get; }
    }
}
