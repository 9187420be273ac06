// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Tests.Infrastructure;
using VectorStudio.Kube.Watching;

namespace VectorStudio.Kube.Tests.Controllers;

/// <summary>The informer's cache and callbacks, across watch drops and 410 relists.</summary>
public sealed class InformerIntegrationTest
{
    [Fact]
    public async Task Run_Should_FillCacheAndCallHandlers_When_ObjectsExistAndChange()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 1));
        var informer = new Informer<Widget>(client, TestKube.Widgets, TestKube.Namespace);
        var calls = new ConcurrentQueue<string>();
        informer.AddHandler(
            w => calls.Enqueue($"add {w.Metadata.Name}"),
            (old, now) => calls.Enqueue($"update {now.Metadata.Name} {old.Spec!.Size}->{now.Spec!.Size}"),
            w => calls.Enqueue($"delete {w.Metadata.Name}"));
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);

        await informer.WaitForSyncAsync(cts.Token).WaitAsync(Eventually.Timeout);
        Assert.True(informer.HasSynced);
        Assert.Equal(1, informer.Get(TestKube.Namespace, "a")!.Spec!.Size);
        await Eventually.TrueAsync(() => server.Store.OpenWatches == 1, "the watch is open");
        await client.PatchAsync<Widget>(TestKube.Widgets, null, "a", new { spec = new { size = 2 } });
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("b"));
        await client.DeleteAsync(TestKube.Widgets, null, "a");
        await Eventually.TrueAsync(() => calls.Count == 4, "four callbacks");
        await cts.CancelAsync();
        await run;

        Assert.Equal(["add a", "update a 1->2", "add b", "delete a"], calls);
        Assert.Equal(["b"], informer.List().Select(w => w.Metadata.Name));
        Assert.Null(informer.Get("test/a"));
    }

    [Fact]
    public async Task Relist_Should_EmitEachMissedDeleteOnce_When_DeletesHappenWhileWatchIsDownAndHistoryIsGone()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget(name, 1));
        }

        var informer = new Informer<Widget>(client, TestKube.Widgets, TestKube.Namespace, new ReflectorOptions { Time = time });
        var calls = new ConcurrentQueue<string>();
        informer.AddHandler(
            w => calls.Enqueue($"add {w.Metadata.Name}"),
            (_, now) => calls.Enqueue($"update {now.Metadata.Name} {now.Spec!.Size}"),
            w => calls.Enqueue($"delete {w.Metadata.Name}"));
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => server.Store.OpenWatches == 1, "the watch is open");

        // While the informer backs off, b goes, c changes, d arrives, and the history is compacted:
        // no watch can replay those changes, so only the relist diff can report them.
        server.Store.DropWatches();
        await Eventually.TrueAsync(() => time.PendingTimers == 1, "the informer waits in backoff");
        await client.DeleteAsync(TestKube.Widgets, null, "b");
        await client.PatchAsync<Widget>(TestKube.Widgets, null, "c", new { spec = new { size = 2 } });
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("d", 1));
        server.Store.CompactHistory();
        time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => informer.Reflector.Lists == 2 && server.Store.OpenWatches == 1, "relisted and watching");

        // Then a live delete of a, which the watch reports.
        await client.DeleteAsync(TestKube.Widgets, null, "a");
        await Eventually.TrueAsync(() => calls.Contains("delete a"), "the live delete");
        await cts.CancelAsync();
        await run;

        Assert.Equal(["add a", "add b", "add c", "delete b", "update c 2", "add d", "delete a"], calls);
        Assert.Equal(["c", "d"], informer.List().Select(w => w.Metadata.Name).Order());
    }
}
