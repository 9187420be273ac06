// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Hosting;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Controllers;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Controllers;

/// <summary>
/// The controller host:
/// <code>
///   Connecting ──API answers──> Syncing caches ──synced (ready)──> Standby ──Lease won──> Leading
///      │ └─ error: /readyz says why, retry with backoff (1 s doubling to 30 s)   ^        │
///      │                                                                       └─ lost ─┘
///   cancelled at any point: stop workers, release the Lease, return
/// </code>
/// Informers run on every replica, so a standby takes over with warm caches; only the leader
/// runs workers. Losing the Lease cancels the workers' token at once: an in-flight request is
/// abandoned and no further write is started.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    private readonly OperatorOptions _options;
    private readonly KubeApiClient _client;
    private readonly ILogger _logger;
    private readonly WorkQueue _queue;
    private readonly EventRecorder _events;
    private readonly VectorClusterReconciler _reconciler;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private volatile bool _leading;

    public OperatorHost(OperatorOptions options, KubeApiClient client, ILoggerFactory loggers, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options;
        _client = client;
        Time = time ?? TimeProvider.System;
        _logger = loggers.CreateLogger("operator");

        // Requeue backoff: 50 ms doubling to 5 min per failing key (client-go's controller defaults are 5 ms / 1000 s).
        _queue = new WorkQueue(Time, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(5));
        Caches = new ClusterCaches(client, options.WatchedNamespaces(client.DefaultNamespace), _queue, loggers);
        _events = new EventRecorder(client, "vectorstudio.io/operator", options.Identity, Time, loggers.CreateLogger("events"));
        _reconciler = new VectorClusterReconciler(client, Caches, _events, Metrics, Time, loggers.CreateLogger("reconciler"));
        Elector = options.LeaderElect
            ? new LeaderElector(client, new LeaderElectionOptions
            {
                Namespace = options.LeaseNamespace ?? client.DefaultNamespace,
                LeaseName = options.LeaseName,
                Identity = options.Identity,
                LeaseDuration = options.LeaseDuration,
                RenewDeadline = options.RenewDeadline,
                RetryPeriod = options.RetryPeriod,
                Time = Time,
            }, loggers.CreateLogger("leader"))
            : null;
    }

    public TimeProvider Time { get; }

    public ClusterCaches Caches { get; }

    public LeaderElector? Elector { get; }

    public OperatorMetrics Metrics { get; } = new();

    public Readiness Readiness { get; } = new();

    /// <summary>True while this replica runs reconciles.</summary>
    public bool IsLeading => _leading && (Elector?.IsLeader ?? true);

    /// <summary>Starts the host in the background.</summary>
    public void Start()
    {
        Readiness.SetNotReady("connecting to the Kubernetes API at " + _client.Settings.Server);
        _run = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Stops reconciling, releases the Lease and waits for the loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        _queue.Dispose();
        _stop.Dispose();
        Metrics.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        await ConnectAsync(ct).ConfigureAwait(false);
        Readiness.SetNotReady("filling the informer caches");
        var informers = Caches.RunAsync(ct);
        await Caches.WaitForSyncAsync(ct).ConfigureAwait(false);
        Readiness.SetReady();
        _logger.LogInformation("caches synced ({Clusters} VectorClusters); {Mode}", Caches.Clusters.Count,
            Elector is null ? "leader election off" : "campaigning for lease " + _options.LeaseName);
        if (Elector is null)
        {
            await LeadAsync(ct).ConfigureAwait(false);
        }
        else
        {
            Elector.OnStartedLeading = LeadAsync;

            // RunAsync returns when leadership ends; campaign again until stopped.
            while (!ct.IsCancellationRequested)
            {
                await Elector.RunAsync(ct).ConfigureAwait(false);
            }
        }

        await informers.ConfigureAwait(false);
    }

    /// <summary>Lists VectorClusters once, so a wrong server, credentials, RBAC or a missing CRD shows before anything runs.</summary>
    private async Task ConnectAsync(CancellationToken ct)
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        IReadOnlyList<string?> scopes = _options.WatchedNamespaces(_client.DefaultNamespace) is { } list ? [.. list] : [null];
        while (true)
        {
            try
            {
                foreach (var ns in scopes)
                {
                    await _client.ListAsync<V1Alpha1VectorCluster>(OwnedKinds.VectorCluster, ns,
                        new ListOptions { Limit = 1 }, ct).ConfigureAwait(false);
                }

                return;
            }
            catch (KubeApiException ex)
            {
                var hint = ex.Kind switch
                {
                    KubeErrorKind.Unauthorized => " (the token or client certificate was refused)",
                    KubeErrorKind.Forbidden => " (the service account lacks RBAC: install the chart's ClusterRole/Role)",
                    KubeErrorKind.NotFound => " (is the VectorCluster CRD installed? kubectl apply -f crds/)",
                    _ => "",
                };
                var delay = backoff.Next();
                Readiness.SetNotReady($"cannot reach the Kubernetes API: {ex.Message}{hint}; retrying in {delay.TotalSeconds:0.#} s");
                _logger.LogWarning("cannot reach the Kubernetes API: {Message}{Hint}; retrying in {Delay}", ex.Message, hint, delay);
                await Task.Delay(delay, Time, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task LeadAsync(CancellationToken ct)
    {
        _leading = true;
        Metrics.SetLeader(true);
        _logger.LogInformation("{Identity} is reconciling", _options.Identity);
        try
        {
            foreach (var cluster in Caches.Clusters.List())
            {
                _queue.Add(ObjectKey.Of(cluster));
            }

            var workers = Enumerable.Range(0, _options.Workers)
                .Select(_ => WorkQueueWorker.RunAsync(_queue, _reconciler.ReconcileAsync, _logger, ct));
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            _leading = false;
            Metrics.SetLeader(false);

            // Commit step: pending event counts go out even though leadership (and ct) just ended.
            await _events.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            _logger.LogInformation("{Identity} stopped reconciling", _options.Identity);
        }
    }
}
