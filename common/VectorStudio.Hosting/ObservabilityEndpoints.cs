// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VectorStudio.Metrics;

namespace VectorStudio.Hosting;

/// <summary>
/// The HTTP/1.1 side of every deployable: <c>/metrics</c> (Prometheus text), <c>/healthz</c>
/// (liveness: the process answers) and <c>/readyz</c> (readiness: 503 with the reason until ready).
/// </summary>
public static class ObservabilityEndpoints
{
    public static IEndpointRouteBuilder MapObservability(
        this IEndpointRouteBuilder endpoints,
        PrometheusExporter exporter,
        Readiness readiness)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentNullException.ThrowIfNull(readiness);
        endpoints.MapGet("/metrics", (HttpContext context) =>
        {
            context.Response.ContentType = PrometheusExporter.ContentType;
            return context.Response.WriteAsync(exporter.Collect(), context.RequestAborted);
        });
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", () => readiness.NotReadyReason is { } reason
            ? Results.Text($"not ready: {reason}\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ready\n"));
        return endpoints;
    }
}
