// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace VectorStudio.Rpc.Server;

/// <summary>
/// Mounts a <see cref="GrpcServer"/> on an application that serves other traffic too, e.g. HTTP/1.1
/// metrics and probes on one port and gRPC on another (listen with
/// <see cref="GrpcKestrelExtensions.ListenGrpc"/>).
/// </summary>
public static class GrpcApplicationBuilderExtensions
{
    /// <summary>Serves every request that arrives on local port <paramref name="localPort"/> as gRPC.</summary>
    public static IApplicationBuilder UseGrpcServer(this IApplicationBuilder app, GrpcServer server, int localPort) =>
        app.UseGrpcServer(server, context => context.Connection.LocalPort == localPort);

    /// <summary>
    /// Serves the requests <paramref name="predicate"/> picks as gRPC, terminally; the others go on
    /// down the pipeline.
    /// </summary>
    public static IApplicationBuilder UseGrpcServer(
        this IApplicationBuilder app,
        GrpcServer server,
        Func<HttpContext, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(predicate);
        return app.Use(next => context => predicate(context) ? server.HandleAsync(context) : next(context));
    }

    /// <summary>
    /// Maps <c>POST /{service}/{method}</c> to the server as an endpoint; restrict it to the gRPC port
    /// with <c>.RequireHost("*:port")</c> when other endpoints share the application.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcServer(this IEndpointRouteBuilder endpoints, GrpcServer server)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(server);
        return endpoints.MapPost("/{service}/{method}", server.HandleAsync);
    }
}
