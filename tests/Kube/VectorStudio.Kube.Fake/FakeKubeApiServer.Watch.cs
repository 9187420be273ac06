// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace VectorStudio.Kube.Fake;

/// <summary>Watch streams: one JSON line per event, flushed as it happens (chunked encoding).</summary>
public sealed partial class FakeKubeApiServer
{
    private async Task WatchAsync(HttpContext ctx, FakeKind kind, string? ns)
    {
        var query = ctx.Request.Query;
        FakeWatcher watcher;
        try
        {
            watcher = Store.Watch(kind, ns, LabelSelector.Parse(query["labelSelector"]), query["resourceVersion"],
                IsTrue(query["allowWatchBookmarks"]));
        }
        catch (FakeApiException ex) when (ex.Code == 410 && !WatchGoneAsHttpStatus)
        {
            // What a real server does for a too-old version: 200, then one ERROR event, then the end.
            var line = new JsonObject { ["type"] = "ERROR", ["object"] = ex.ToStatus() }.ToJsonString() + "\n";
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(line, Encoding.UTF8, ctx.RequestAborted).ConfigureAwait(false);
            return;
        }

        using (watcher)
        {
            var seconds = int.TryParse(query["timeoutSeconds"], out var s) && s > 0 ? s : 1800;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, watcher.Dropped, timeout.Token);
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            try
            {
                await ctx.Response.StartAsync(stop.Token).ConfigureAwait(false);
                await foreach (var line in watcher.Lines.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    await ctx.Response.WriteAsync(line + "\n", Encoding.UTF8, stop.Token).ConfigureAwait(false);
                    await ctx.Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                if (watcher.Dropped.IsCancellationRequested)
                {
                    // Mid-stream drop: the client sees the connection break, not a clean end.
                    ctx.Abort();
                }
            }
            finally
            {
                Store.Unwatch(watcher);
            }
        }
    }
}
