// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;

namespace VectorStudio.ShardNode.Tests;

/// <summary>A server call context with a chosen deadline, for handler code tested without a server.</summary>
internal sealed class TestCallContext(DateTimeOffset? deadline, CancellationToken cancellationToken = default) : ServerCallContext
{
    public override string Method => "/test/Method";

    public override string Peer => "ipv4:127.0.0.1:1";

    public override DateTimeOffset? Deadline => deadline;

    public override Metadata RequestHeaders { get; } = [];

    public override CancellationToken CancellationToken => cancellationToken;

    public override Metadata ResponseTrailers { get; } = [];

    public override Status Status { get; set; }

    public override bool IsSecure => false;

    public override IDictionary<object, object?> UserState { get; } = new Dictionary<object, object?>();

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}
