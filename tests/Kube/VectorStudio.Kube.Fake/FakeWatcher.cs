// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace VectorStudio.Kube.Fake;

/// <summary>One open watch stream: the lines still to send, and its filters.</summary>
public sealed class FakeWatcher(FakeKind kind, string? ns, LabelSelector selector, bool bookmarks) : IDisposable
{
    private readonly CancellationTokenSource _drop = new();

    public FakeKind Kind { get; } = kind;

    public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Cancelled when a test drops the connection mid-stream.</summary>
    public CancellationToken Dropped => _drop.Token;

    public bool Bookmarks { get; } = bookmarks;

    /// <summary>Queues the event if it is of this watch's kind, namespace and labels.</summary>
    public void Offer(StoredEvent ev)
    {
        if (ev.Kind == Kind && (ns is null || ev.Namespace == ns) && selector.Matches(ev.Body))
        {
            Lines.Writer.TryWrite(ev.ToLine());
        }
    }

    public void Bookmark(long resourceVersion)
    {
        if (!Bookmarks)
        {
            return;
        }

        var obj = new JsonObject
        {
            ["kind"] = Kind.Kind,
            ["apiVersion"] = Kind.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
        };
        Lines.Writer.TryWrite(new JsonObject { ["type"] = "BOOKMARK", ["object"] = obj }.ToJsonString());
    }

    /// <summary>Ends the stream cleanly, as a server-side timeout does.</summary>
    public void End() => Lines.Writer.TryComplete();

    /// <summary>Aborts the connection mid-stream.</summary>
    public void Drop() => _drop.Cancel();

    public void Dispose() => _drop.Dispose();
}
