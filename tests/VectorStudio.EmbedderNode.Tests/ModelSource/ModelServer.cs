// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VectorStudio.EmbedderNode.Tests.ModelSource;

/// <summary>
/// A real HTTP/1.1 server (Kestrel on 127.0.0.1, port 0) that serves archives by path, can answer a path
/// with given failure statuses first, and counts the requests each path got.
/// </summary>
internal sealed class ModelServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<BodyFault>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private ModelServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var server = new ModelServer(builder.Build());
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public string Serve(string path, byte[] body)
    {
        _files[path] = body;
        return UriOf(path);
    }

    /// <summary>The next requests for <paramref name="path"/> get these statuses, in order, before it is served.</summary>
    public void FailFirst(string path, params int[] statuses) => _failures[path] = new ConcurrentQueue<int>(statuses);

    /// <summary>The next requests for <paramref name="path"/> get 200 and half the body, then this fault.</summary>
    public void BreakFirst(string path, params BodyFault[] faults) => _faults[path] = new ConcurrentQueue<BodyFault>(faults);

    public string UriOf(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    public int Requests(string path) => _requests.GetValueOrDefault(path);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.TrimStart('/');
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (_failures.TryGetValue(path, out var queue) && queue.TryDequeue(out var status))
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync($"failing with {status} on purpose");
            return;
        }

        if (!_files.TryGetValue(path, out var body))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/gzip";
        context.Response.ContentLength = body.Length;
        if (_faults.TryGetValue(path, out var faults) && faults.TryDequeue(out var fault))
        {
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
            await context.Response.Body.FlushAsync();
            if (fault == BodyFault.Drop)
            {
                context.Abort();
                return;
            }

            // Stall: send nothing more until the client gives up and closes the connection.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        await context.Response.Body.WriteAsync(body);
    }
}

/// <summary>How a response body goes wrong halfway.</summary>
internal enum BodyFault
{
    /// <summary>The connection is closed.</summary>
    Drop,

    /// <summary>No more bytes come, and the connection stays open.</summary>
    Stall,
}
