// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Coordination;

namespace VectorStudio.Kube.Controllers;

/// <summary>The lease reads and writes of <see cref="LeaderElector"/>: one attempt each, no loops.</summary>
public sealed partial class LeaderElector
{
    /// <summary>The outcome of one <see cref="TryAcquireOrRenewAsync"/>.</summary>
    public enum LeaseAttempt
    {
        /// <summary>This elector holds the lease (acquired or renewed).</summary>
        Held,

        /// <summary>Another holder's lease has not expired yet.</summary>
        HeldByOther,

        /// <summary>A write lost a race (409) or the request failed; try again later.</summary>
        Failed,
    }

    /// <summary>
    /// One attempt: create the lease if absent, renew it if ours, take it over if free or expired.
    /// Throws <see cref="KubeApiException"/> for failures other than a lost race.
    /// </summary>
    public async Task<LeaseAttempt> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        var now = _options.Time.GetUtcNow();
        var lease = await _client.GetOrNullAsync<Lease>(ResourceType.Lease, _options.Namespace, _options.LeaseName, ct)
            .ConfigureAwait(false);
        if (lease is null)
        {
            return await CreateAsync(now, ct).ConfigureAwait(false);
        }

        if (lease.Metadata.ResourceVersion != _observedVersion)
        {
            _observedVersion = lease.Metadata.ResourceVersion;
            _observedAt = now;
        }

        var spec = lease.Spec ??= new LeaseSpec();
        ObservedHolder = spec.HolderIdentity;
        var holder = spec.HolderIdentity;
        var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)_options.LeaseDuration.TotalSeconds);
        if (!string.IsNullOrEmpty(holder) && holder != Identity && now < _observedAt + duration)
        {
            return LeaseAttempt.HeldByOther;
        }

        if (holder != Identity)
        {
            spec.AcquireTime = now;
            spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
        }

        spec.HolderIdentity = Identity;
        spec.LeaseDurationSeconds = (int)_options.LeaseDuration.TotalSeconds;
        spec.RenewTime = now;
        try
        {
            var written = await _client.ReplaceAsync(ResourceType.Lease, _options.Namespace, _options.LeaseName, lease, ct)
                .ConfigureAwait(false);
            Observe(written, now);
            return LeaseAttempt.Held;
        }
        catch (KubeApiException ex) when (ex.IsConflict)
        {
            return LeaseAttempt.Failed;
        }
    }

    /// <summary>
    /// Gives the lease up if this elector holds it: empty holder and a 1 s duration (as client-go
    /// does), so the next candidate acquires it at its next try. Best-effort: a failure only means
    /// the successor waits for expiry.
    /// </summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        try
        {
            var lease = await _client.GetOrNullAsync<Lease>(ResourceType.Lease, _options.Namespace, _options.LeaseName, ct)
                .ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != Identity)
            {
                return;
            }

            var now = _options.Time.GetUtcNow();
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = now;
            await _client.ReplaceAsync(ResourceType.Lease, _options.Namespace, _options.LeaseName, lease, ct).ConfigureAwait(false);
        }
        catch (KubeApiException ex)
        {
            _logger.LogWarning("{Identity}: releasing the lease failed ({Message}); it expires on its own", Identity, ex.Message);
        }
    }

    private async Task<LeaseAttempt> CreateAsync(DateTimeOffset now, CancellationToken ct)
    {
        var lease = new Lease
        {
            Metadata = new ObjectMeta { Name = _options.LeaseName, Namespace = _options.Namespace },
            Spec = new LeaseSpec
            {
                HolderIdentity = Identity,
                LeaseDurationSeconds = (int)_options.LeaseDuration.TotalSeconds,
                AcquireTime = now,
                RenewTime = now,
                LeaseTransitions = 0,
            },
        };
        try
        {
            Observe(await _client.CreateAsync(ResourceType.Lease, _options.Namespace, lease, ct).ConfigureAwait(false), now);
            return LeaseAttempt.Held;
        }
        catch (KubeApiException ex) when (ex.IsAlreadyExists || ex.IsConflict)
        {
            return LeaseAttempt.Failed;
        }
    }

    private void Observe(Lease written, DateTimeOffset now)
    {
        _observedVersion = written.Metadata.ResourceVersion;
        _observedAt = now;
        ObservedHolder = Identity;
    }
}
