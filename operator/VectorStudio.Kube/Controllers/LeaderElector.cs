// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.Kube.Client;

namespace VectorStudio.Kube.Controllers;

/// <summary>
/// Leader election on a <c>coordination.k8s.io/v1</c> Lease (client-go's leaderelection):
/// <code>
///   Candidate ──TryAcquireOrRenew ok──> Leader ──renew ok every RetryPeriod──> Leader
///      ^  └── held by another / conflict: retry after RetryPeriod      │
///      │                                                              │ another holder seen, or no
///   (RunAsync returns) &lt;── OnStoppedLeading &lt;── release if stopping &lt;──┘ renewal for RenewDeadline,
///                                                                        or cancellation
/// </code>
/// Every write is a replace with the resourceVersion read, so two candidates racing for a free or
/// expired lease cannot both win: the second gets 409. Expiry is judged by when this process last
/// saw the lease change (its own clock), never by the holder's timestamps, so clock skew between
/// replicas does not matter. See <see cref="LeaderElectionOptions"/> for the timing argument.
/// </summary>
public sealed partial class LeaderElector
{
    private readonly KubeApiClient _client;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private string? _observedVersion;
    private DateTimeOffset _observedAt;
    private volatile bool _isLeader;
    private int _waits;

    public LeaderElector(KubeApiClient client, LeaderElectionOptions options, ILogger? logger = null)
    {
        options.Validate();
        _client = client;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Runs while leading; its token is cancelled when leadership ends.</summary>
    public Func<CancellationToken, Task>? OnStartedLeading { get; set; }

    /// <summary>Runs once leadership ends (lost, or released on shutdown).</summary>
    public Action? OnStoppedLeading { get; set; }

    /// <summary>True between acquiring the lease and deciding it is lost or released.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>The holder this elector last saw in the lease (itself when leading).</summary>
    public string? ObservedHolder { get; private set; }

    public string Identity => _options.Identity;

    /// <summary>How many retry-period waits have started (tests step a fake clock by it).</summary>
    internal int Waits => Volatile.Read(ref _waits);

    /// <summary>
    /// Campaigns until leading, leads until the lease is lost or <paramref name="ct"/> fires, then
    /// returns. Cancellation: releases the lease (with <see cref="CancellationToken.None"/>, so a
    /// successor need not wait for expiry) before returning.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (!await AcquireAsync(ct).ConfigureAwait(false))
        {
            return;
        }

        using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _isLeader = true;
        _logger.LogInformation("{Identity} became leader of lease {Ns}/{Lease}", Identity, _options.Namespace, _options.LeaseName);
        var work = OnStartedLeading is { } start ? Task.Run(() => start(leading.Token), CancellationToken.None) : Task.CompletedTask;
        await RenewUntilLostAsync(ct).ConfigureAwait(false);

        // Stop acting before anything else: a successor may take over once the lease is released or expires.
        _isLeader = false;
        await leading.CancelAsync().ConfigureAwait(false);
        if (ct.IsCancellationRequested)
        {
            // Commit step: the release must go out even though we are being cancelled.
            await ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _logger.LogInformation("{Identity} stopped leading lease {Ns}/{Lease}", Identity, _options.Namespace, _options.LeaseName);
        OnStoppedLeading?.Invoke();
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.LogDebug(ex, "leading work ended");
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (await TryStepAsync(ct).ConfigureAwait(false) == LeaseAttempt.Held)
            {
                return true;
            }

            if (!await DelayAsync(_options.RetryPeriod, ct).ConfigureAwait(false))
            {
                break;
            }
        }

        return false;
    }

    private async Task RenewUntilLostAsync(CancellationToken ct)
    {
        var time = _options.Time;
        var lastRenew = time.GetUtcNow();
        while (await DelayAsync(_options.RetryPeriod, ct).ConfigureAwait(false))
        {
            // A hanging request must not stretch leadership past RenewDeadline: bound each attempt by it.
            var left = lastRenew + _options.RenewDeadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                _logger.LogWarning("{Identity}: could not renew the lease for {Deadline}", Identity, _options.RenewDeadline);
                return;
            }

            using var deadline = new CancellationTokenSource(left, time);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            switch (await TryStepAsync(attempt.Token).ConfigureAwait(false))
            {
                case LeaseAttempt.Held:
                    lastRenew = time.GetUtcNow();
                    break;
                case LeaseAttempt.HeldByOther:
                    _logger.LogWarning("{Identity}: lease taken by {Holder}", Identity, ObservedHolder);
                    return;
                case LeaseAttempt.Failed when time.GetUtcNow() - lastRenew >= _options.RenewDeadline:
                    _logger.LogWarning("{Identity}: could not renew the lease for {Deadline}", Identity, _options.RenewDeadline);
                    return;
                case LeaseAttempt.Failed:
                    break;
            }
        }
    }

    private async Task<LeaseAttempt> TryStepAsync(CancellationToken ct)
    {
        try
        {
            return await TryAcquireOrRenewAsync(ct).ConfigureAwait(false);
        }
        catch (KubeApiException ex)
        {
            _logger.LogWarning("{Identity}: lease request failed: {Message}", Identity, ex.Message);
            return LeaseAttempt.Failed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return LeaseAttempt.Failed;
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            var wait = Task.Delay(delay, _options.Time, ct);

            // Counted once the timer is armed, so a test with a fake clock knows when to advance it.
            Interlocked.Increment(ref _waits);
            await wait.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
