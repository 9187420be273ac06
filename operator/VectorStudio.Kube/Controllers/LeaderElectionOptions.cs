// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Controllers;

/// <summary>
/// Leader election timing, client-go's defaults. Safety needs RenewDeadline &lt; LeaseDuration: a
/// leader that cannot renew stops leading after RenewDeadline (10 s), while a contender takes over
/// only after it has seen the lease unchanged for LeaseDuration (15 s) on its own clock, leaving
/// 5 s for one last in-flight request and clock-rate differences. RetryPeriod (2 s) is how often
/// both sides try; a failed-over leader is replaced within LeaseDuration + RetryPeriod = 17 s.
/// </summary>
public sealed record LeaderElectionOptions
{
    public required string Namespace { get; init; }

    public required string LeaseName { get; init; }

    /// <summary>Unique per replica, e.g. the pod name.</summary>
    public required string Identity { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Throws when the timing cannot be safe.</summary>
    public void Validate()
    {
        if (RenewDeadline >= LeaseDuration)
        {
            throw new ArgumentException($"RenewDeadline ({RenewDeadline}) must be shorter than LeaseDuration ({LeaseDuration})");
        }

        if (RetryPeriod >= RenewDeadline || RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"RetryPeriod ({RetryPeriod}) must be positive and shorter than RenewDeadline ({RenewDeadline})");
        }

        if (LeaseDuration.TotalSeconds < 1 || string.IsNullOrEmpty(Identity) || string.IsNullOrEmpty(LeaseName))
        {
            throw new ArgumentException("LeaseDuration must be at least 1 s, and Identity and LeaseName must be set");
        }
    }
}
