// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Coordination;

/// <summary>
/// <c>LeaseSpec</c>. The times are <c>MicroTime</c> on the wire: RFC 3339 with fractional seconds,
/// which <see cref="DateTimeOffset"/> writes and reads.
/// </summary>
public sealed class LeaseSpec
{
    public string? HolderIdentity { get; set; }

    public int? LeaseDurationSeconds { get; set; }

    public DateTimeOffset? AcquireTime { get; set; }

    public DateTimeOffset? RenewTime { get; set; }

    public int? LeaseTransitions { get; set; }
}
