// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace VectorStudio.Operator.Api;

/// <summary>When a shard's primary is replaced.</summary>
public sealed class FailoverSpec
{
    [Description("Seconds a primary may be unhealthy before a replica is promoted. Shorter fails over "
        + "faster; longer rides out brief hiccups (garbage collection, a slow disk).")]
    [Range(1, 3600)]
    public int? GracePeriodSeconds { get; set; }
}
