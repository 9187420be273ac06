// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace VectorStudio.Kube.Fake;

/// <summary>
/// An in-process stand-in for the Kubernetes API server: Kestrel on 127.0.0.1, port 0, serving the
/// REST verbs the operator uses over any registered kind (JSON objects by group/version/plural).
/// Strict where the real server is (see <see cref="FakeStore"/>), with test hooks: injected faults
/// (<see cref="Faults"/>), dropped or ended watches, bookmarks on demand, history compaction, a
/// bearer-token check (<see cref="ValidTokens"/>) and TLS with client certificates.
/// Request handling lives in FakeKubeApiServer.Handler.cs.
/// </summary>
public sealed partial class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeServerOptions _options;
    private volatile IReadOnlySet<string>? _validTokens;

    private FakeKubeApiServer(WebApplication app, FakeServerOptions options, FakeStore store)
    {
        _app = app;
        _options = options;
        Store = store;
    }

    public static FakeKind Leases { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", true, HasStatus: false);

    public static FakeKind Events { get; } = new("events.k8s.io", "v1", "events", "Event", true, HasStatus: false);

    public static FakeKind ConfigMaps { get; } = new("", "v1", "configmaps", "ConfigMap", true, HasStatus: false);

    public Uri Url { get; private set; } = null!;

    public FakeStore Store { get; }

    public FakeFaults Faults { get; } = new();

    /// <summary>Every request served, in order.</summary>
    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>When set, requests need <c>Authorization: Bearer</c> with one of these tokens, else 401.</summary>
    public IReadOnlySet<string>? ValidTokens
    {
        get => _validTokens;
        set => _validTokens = value;
    }

    /// <summary>Answer a watch from a too-old version with HTTP 410 instead of the usual 200 + ERROR event.</summary>
    public bool WatchGoneAsHttpStatus { get; set; }

    public static async Task<FakeKubeApiServer> StartAsync(FakeServerOptions? options = null)
    {
        options ??= new FakeServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (options.Tls is { } tls)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = tls.Server;
                    if (options.RequireClientCertificate)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (cert, _, _) => IssuedBy(cert, tls.Ca);
                    }
                });
            }
        }));
        var app = builder.Build();
        var store = new FakeStore(options.Time);
        var server = new FakeKubeApiServer(app, options, store);
        if (options.RegisterCommonKinds)
        {
            store.Register(Leases);
            store.Register(Events);
            store.Register(ConfigMaps);
        }

        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.Url = new Uri(app.Urls.First());
        return server;
    }

    public void Register(FakeKind kind) => Store.Register(kind);

    public async ValueTask DisposeAsync()
    {
        Store.EndWatches();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static bool IssuedBy(X509Certificate2 cert, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(cert);
    }
}
