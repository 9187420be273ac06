// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>Lets a pod be scheduled onto nodes with a matching taint.</summary>
public sealed class Toleration
{
    [Description("Taint key to match; empty with operator Exists matches every taint.")]
    public string? Key { get; set; }

    [Description("Exists or Equal (default Equal).")]
    public string? Operator { get; set; }

    [Description("Taint value to match when operator is Equal.")]
    public string? Value { get; set; }

    [Description("NoSchedule, PreferNoSchedule or NoExecute; empty matches all effects.")]
    public string? Effect { get; set; }

    [Description("For NoExecute: seconds the pod stays bound after the taint appears; unset means forever.")]
    public long? TolerationSeconds { get; set; }
}
