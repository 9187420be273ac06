// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Events;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Controllers;

/// <summary>Events are written once per series and updated at most every flush interval.</summary>
public sealed class EventRecorderIntegrationTest
{
    [Fact]
    public async Task Record_Should_WriteOneEventWithAllRequiredFields_When_FirstSeen()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestKube.StartAsync(time);
        using var client = TestKube.Client(server);
        var widget = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));
        var recorder = new EventRecorder(client, "vectorstudio.io/operator", "operator-0", time);

        await recorder.RecordAsync(widget, EventTypes.Warning, "ScaleFailed", "Reconcile", new string('x', 2000));

        var ev = Assert.Single((await client.ListAsync<KubeEvent>(ResourceType.Event, TestKube.Namespace)).Items);
        Assert.StartsWith("a.", ev.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow(), ev.EventTime);
        Assert.Equal("vectorstudio.io/operator", ev.ReportingController);
        Assert.Equal("operator-0", ev.ReportingInstance);
        Assert.Equal(("Warning", "ScaleFailed", "Reconcile"), (ev.Type, ev.Reason, ev.Action));
        Assert.Equal(widget.Metadata.Uid, ev.Regarding!.Uid);
        Assert.Equal("Widget", ev.Regarding.Kind);
        Assert.Equal(EventRecorder.MaxNoteLength, ev.Note!.Length); // the API caps notes at 1 kB
        Assert.Null(ev.Series);
    }

    [Fact]
    public async Task Record_Should_AggregateRepeatsIntoOneSeries_When_AHotLoopRepeatsAnEvent()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestKube.StartAsync(time);
        using var client = TestKube.Client(server);
        var widget = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));
        var recorder = new EventRecorder(client, "vectorstudio.io/operator", "operator-0", time);

        for (var i = 0; i < 500; i++)
        {
            await recorder.RecordAsync(widget, EventTypes.Normal, "Reconciled", "Reconcile", "all shards ready");
        }

        Assert.Equal(1, TestKube.Count(server, "POST", "/events"));
        Assert.Equal(0, TestKube.Count(server, "PATCH", "/events/")); // within the 30 s flush interval: memory only

        time.Advance(TimeSpan.FromSeconds(30));
        await recorder.RecordAsync(widget, EventTypes.Normal, "Reconciled", "Reconcile", "all shards ready");
        var ev = Assert.Single((await client.ListAsync<KubeEvent>(ResourceType.Event, TestKube.Namespace)).Items);
        Assert.Equal(501, ev.Series!.Count);
        Assert.Equal(time.GetUtcNow(), ev.Series.LastObservedTime);
        Assert.Equal(1, TestKube.Count(server, "PATCH", "/events/"));

        await recorder.RecordAsync(widget, EventTypes.Normal, "Reconciled", "Reconcile", "all shards ready");
        await recorder.FlushAsync();
        ev = Assert.Single((await client.ListAsync<KubeEvent>(ResourceType.Event, TestKube.Namespace)).Items);
        Assert.Equal(502, ev.Series!.Count);
        await recorder.FlushAsync(); // nothing new: no write
        Assert.Equal(2, TestKube.Count(server, "PATCH", "/events/"));
    }

    [Fact]
    public async Task Record_Should_StartSeparateEvents_When_ReasonDiffersOrTheSeriesWindowPassed()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestKube.StartAsync(time);
        using var client = TestKube.Client(server);
        var widget = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));
        var recorder = new EventRecorder(client, "vectorstudio.io/operator", "operator-0", time);

        await recorder.RecordAsync(widget, EventTypes.Normal, "ScaledUp", "Scale", "3 -> 4");
        await recorder.RecordAsync(widget, EventTypes.Normal, "ScaledDown", "Scale", "4 -> 3");
        time.Advance(TimeSpan.FromMinutes(7)); // past the 6 min window
        await recorder.RecordAsync(widget, EventTypes.Normal, "ScaledUp", "Scale", "3 -> 4");

        var events = (await client.ListAsync<KubeEvent>(ResourceType.Event, TestKube.Namespace)).Items;
        Assert.Equal(3, events.Count);
        Assert.Equal(2, events.Count(e => e.Reason == "ScaledUp"));
    }

    [Fact]
    public async Task Record_Should_NotThrow_When_TheServerRejectsTheEvent()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestKube.StartAsync(time);
        using var client = TestKube.Client(server);
        var widget = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));
        var recorder = new EventRecorder(client, "vectorstudio.io/operator", "operator-0", time);
        server.Faults.FailNext(1, 500, "POST", "/events");

        await recorder.RecordAsync(widget, EventTypes.Normal, "Reconciled", "Reconcile", "ok");

        Assert.Equal(0, server.Faults.Pending);
        Assert.Empty((await client.ListAsync<KubeEvent>(ResourceType.Event, TestKube.Namespace)).Items);
    }
}
