// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Kube.Tests.Infrastructure;
using VectorStudio.Kube.Watching;

namespace VectorStudio.Kube.Tests.Watching;

/// <summary>The list-and-watch loop: resume, bookmarks, 410 → relist, backoff, cancellation.</summary>
public sealed class ReflectorIntegrationTest
{
    [Fact]
    public async Task Run_Should_ResumeFromLastVersionWithoutRelisting_When_WatchDropsMidStream()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var store = new RecordingStore();
        var reflector = new Reflector<Widget>(client, TestKube.Widgets, TestKube.Namespace, store,
            new ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(10) });
        using var cts = new CancellationTokenSource();
        var run = reflector.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => server.Store.OpenWatches == 1, "the first watch is open");
        var a = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 1));
        await Eventually.TrueAsync(() => store.Saw("ADDED a 1"), "ADDED a");

        server.Store.DropWatches();
        await client.PatchAsync<Widget>(TestKube.Widgets, null, "a", new { spec = new { size = 2 } });
        await Eventually.TrueAsync(() => store.Saw("MODIFIED a 2"), "the change made while the watch was down");
        await cts.CancelAsync();
        await run;

        Assert.Equal(1, reflector.Lists);
        Assert.Equal(["LIST ", "ADDED a 1", "MODIFIED a 2"], store.Log);
        var watches = server.Requests.Where(r => r.PathAndQuery.Contains("watch=1", StringComparison.Ordinal)).ToList();
        Assert.Contains($"resourceVersion={a.Metadata.ResourceVersion}&", watches[1].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Should_ResumeFromTheBookmark_When_StreamEndsAfterABookmark()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var store = new RecordingStore();
        var reflector = new Reflector<Widget>(client, TestKube.Widgets, TestKube.Namespace, store);
        using var cts = new CancellationTokenSource();
        var run = reflector.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => server.Store.OpenWatches == 1, "the first watch is open");

        // Writes elsewhere move the global version without an event for this watch; only a bookmark tells it.
        await client.CreateAsync(TestKube.Widgets, "elsewhere", TestKube.NewWidget("x"));
        await client.CreateAsync(TestKube.Widgets, "elsewhere", TestKube.NewWidget("y"));
        var global = server.Store.Version.ToString(CultureInfo.InvariantCulture);
        server.Store.SendBookmarks();
        await Eventually.TrueAsync(() => reflector.ResourceVersion == global, "the bookmark's version is adopted");
        server.Store.EndWatches();
        await Eventually.TrueAsync(() => reflector.Watches == 2 && server.Store.OpenWatches == 1, "the watch resumed");
        await cts.CancelAsync();
        await run;

        var last = server.Requests.Last(r => r.PathAndQuery.Contains("watch=1", StringComparison.Ordinal));
        Assert.Contains($"resourceVersion={global}&", last.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(1, reflector.Lists);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_Should_Relist_When_ResumeVersionIsGone(bool goneAsHttpStatus)
    {
        var time = new ManualTimeProvider();
        await using var server = await TestKube.StartAsync();
        server.WatchGoneAsHttpStatus = goneAsHttpStatus;
        using var client = TestKube.Client(server);
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));
        var store = new RecordingStore();
        var reflector = new Reflector<Widget>(client, TestKube.Widgets, TestKube.Namespace, store, new ReflectorOptions { Time = time });
        using var cts = new CancellationTokenSource();
        var run = reflector.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => server.Store.OpenWatches == 1, "the first watch is open");

        // Drop the watch; while the reflector backs off (the fake clock holds it), history moves on and is compacted.
        server.Store.DropWatches();
        await Eventually.TrueAsync(() => time.PendingTimers == 1, "the reflector waits in backoff");
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("b"));
        server.Store.CompactHistory();
        time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => reflector.Lists == 2, "a relist after 410");
        await Eventually.TrueAsync(() => store.Saw("LIST a,b"), "the relist saw b");
        await cts.CancelAsync();
        await run;

        Assert.Equal(["LIST a", "LIST a,b"], store.Log);
    }

    [Fact]
    public async Task Run_Should_BackOffExponentiallyUpToTheCap_When_WatchesKeepFailing()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        server.Faults.FailNext(100, 500, "GET", "watch=1");
        var options = new ReflectorOptions { Time = time, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(4) };
        var reflector = new Reflector<Widget>(client, TestKube.Widgets, TestKube.Namespace, new RecordingStore(), options);
        using var cts = new CancellationTokenSource();
        var run = reflector.RunAsync(cts.Token);
        int Watches() => TestKube.Count(server, "GET", "watch=1");

        // Delay n is base·2ⁿ stretched by up to 50 % jitter, capped at 4 s: [1, 1.5], [2, 3], [4, 4].
        foreach (var (floor, ceiling) in new[] { (1.0, 1.5), (2.0, 3.0), (4.0, 4.0), (4.0, 4.0) })
        {
            await Eventually.TrueAsync(() => time.PendingTimers == 1, "the reflector waits in backoff");
            var before = Watches();
            time.Advance(TimeSpan.FromSeconds(floor - 0.01));
            Assert.Equal(1, time.PendingTimers); // not yet due: no retry happened early
            Assert.Equal(before, Watches());
            time.Advance(TimeSpan.FromSeconds(ceiling - floor + 0.02));
            await Eventually.TrueAsync(() => Watches() == before + 1, $"a retry within {ceiling} s");
        }

        await cts.CancelAsync();
        await run;
        Assert.Equal(1, reflector.Lists);
    }

    [Fact]
    public async Task Run_Should_ReturnWithoutThrowing_When_CancelledWhileWatching()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var reflector = new Reflector<Widget>(client, TestKube.Widgets, TestKube.Namespace, new RecordingStore());
        using var cts = new CancellationTokenSource();
        var run = reflector.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => server.Store.OpenWatches == 1, "the watch is open");

        await cts.CancelAsync();

        await run.WaitAsync(Eventually.Timeout);
        Assert.True(run.IsCompletedSuccessfully);
    }
}
