// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Client;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Watching;

/// <summary>The raw watch stream: chunked JSON lines decoded as they arrive, and 410 in both forms.</summary>
public sealed class WatchIntegrationTest
{
    [Fact]
    public async Task Watch_Should_StreamAddModifyDelete_When_ObjectsChange()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var list = await client.ListAsync<Widget>(TestKube.Widgets, null);
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        var events = new List<WatchEvent<Widget>>();
        var reading = Task.Run(async () =>
        {
            var options = new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion };
            await foreach (var ev in client.WatchAsync<Widget>(TestKube.Widgets, TestKube.Namespace, options, cts.Token))
            {
                events.Add(ev);
                if (ev.Type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });

        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 1));
        await client.PatchAsync<Widget>(TestKube.Widgets, null, "a", new { spec = new { size = 2 } });
        await client.CreateAsync(TestKube.Widgets, "elsewhere", TestKube.NewWidget("b")); // other namespace: not seen
        await client.DeleteAsync(TestKube.Widgets, null, "a");
        await reading;

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal(2, events[1].Item!.Spec!.Size);
        Assert.All(events, e => Assert.Equal("a", e.Item!.Metadata.Name));
        var watch = server.Requests.Single(r => r.PathAndQuery.Contains("watch=1", StringComparison.Ordinal));
        Assert.Contains($"resourceVersion={list.Metadata.ResourceVersion}&allowWatchBookmarks=true", watch.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Should_YieldAnError410Event_When_VersionIsOlderThanHistory()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var old = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));
        await client.PatchAsync<Widget>(TestKube.Widgets, null, "a", new { spec = new { size = 5 } });
        server.Store.CompactHistory();

        var events = new List<WatchEvent<Widget>>();
        await foreach (var ev in client.WatchAsync<Widget>(TestKube.Widgets, null, new WatchOptions { ResourceVersion = old.Metadata.ResourceVersion }))
        {
            events.Add(ev);
        }

        var error = Assert.Single(events);
        Assert.Equal(WatchEventType.Error, error.Type);
        Assert.Equal(410, error.ErrorStatus!.Code);
        Assert.Equal("Expired", error.ErrorStatus.Reason);
    }

    [Fact]
    public async Task Watch_Should_ThrowGone_When_ServerAnswers410()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var old = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));
        await client.PatchAsync<Widget>(TestKube.Widgets, null, "a", new { spec = new { size = 5 } });
        server.Store.CompactHistory();
        server.WatchGoneAsHttpStatus = true;

        var ex = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync<Widget>(TestKube.Widgets, null, new WatchOptions { ResourceVersion = old.Metadata.ResourceVersion }))
            {
            }
        });

        Assert.True(ex.IsGone);
        Assert.Contains("too old resource version", ex.Message, StringComparison.Ordinal);
    }
}
