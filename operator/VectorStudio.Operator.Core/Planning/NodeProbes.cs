// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Core;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// Probes of a shard node. The node serves <c>grpc.health.v1.Health</c> on its gRPC port (SERVING
/// once ready) and <c>/healthz</c> (process alive) and <c>/readyz</c> on its HTTP port.
/// <list type="bullet">
/// <item>Readiness: gRPC health, on the port clients use, so a pod joins the Services only when the
/// listener that matters answers SERVING.</item>
/// <item>Liveness: <c>/healthz</c>, which does not depend on readiness: a replica that is catching
/// up (not ready) is not restarted, which would only restart its catch-up.</item>
/// <item>Startup: <c>/healthz</c> too, with a long budget for recovery (WAL replay) of a large shard;
/// liveness starts counting only after it succeeds.</item>
/// </list>
/// </summary>
public static class NodeProbes
{
    /// <summary>
    /// The container port name of the HTTP port. HTTP probes name the port: a numeric string would
    /// be read as a (invalid) port name, and the model keeps int-or-string ports as strings.
    /// </summary>
    public const string HttpPortName = "http";

    /// <summary>Startup budget: 5 s period × 120 failures = 600 s for the process to come up.</summary>
    public static Probe Startup() => new()
    {
        HttpGet = new HttpGetAction { Path = "/healthz", Port = HttpPortName },
        PeriodSeconds = 5,
        TimeoutSeconds = 3,
        FailureThreshold = 120,
    };

    /// <summary>Out of the Services after 3 failures × 5 s = 15 s; back in after one success.</summary>
    public static Probe Readiness(int grpcPort) => new()
    {
        Grpc = new GrpcAction { Port = grpcPort },
        PeriodSeconds = 5,
        TimeoutSeconds = 3,
        FailureThreshold = 3,
        SuccessThreshold = 1,
    };

    /// <summary>
    /// Restart after 6 failures × 10 s = 60 s without an answer. Longer than any failover grace the
    /// schema allows by default (10 s) so failover, not a restart, handles a sick primary first.
    /// </summary>
    public static Probe Liveness() => new()
    {
        HttpGet = new HttpGetAction { Path = "/healthz", Port = HttpPortName },
        PeriodSeconds = 10,
        TimeoutSeconds = 5,
        FailureThreshold = 6,
    };
}
