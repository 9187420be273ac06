// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Probe by <c>grpc.health.v1.Health/Check</c> on a port (numeric only, by the API's rules).</summary>
public sealed class GrpcAction
{
    public int Port { get; set; }

    /// <summary>The service name sent in the check; empty means the whole server.</summary>
    public string? Service { get; set; }
}
