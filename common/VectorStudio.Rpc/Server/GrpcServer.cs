// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.Rpc.Protocol;
using VectorStudio.Rpc.Server.Internal;

namespace VectorStudio.Rpc.Server;

/// <summary>
/// The gRPC router: maps <c>POST /package.Service/Method</c> requests to the bound handlers and
/// speaks the gRPC-over-HTTP/2 protocol around them. Host-agnostic: <see cref="HandleAsync"/> is a
/// plain ASP.NET Core request delegate, served standalone by <see cref="GrpcServerHost"/> or mounted
/// on an existing application with <see cref="GrpcApplicationBuilderExtensions"/>.
/// </summary>
public sealed class GrpcServer
{
    private readonly FrozenDictionary<string, ServerCallHandler> _handlers;

    public GrpcServer(GrpcServerOptions options, IEnumerable<ServiceDefinition> services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        if (options.ResponseCompressionAlgorithm is { } algorithm
            && !algorithm.Equals(GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Unknown response compression '{algorithm}': only gzip is supported.",
                nameof(options));
        }

        Options = options;
        Services = [.. services];
        Interceptors = [.. options.Interceptors];
        Logger = options.LoggerFactory?.CreateLogger<GrpcServer>() ?? NullLogger<GrpcServer>.Instance;
        var handlers = new Dictionary<string, ServerCallHandler>(StringComparer.Ordinal);
        foreach (var service in Services)
        {
            foreach (var (path, binding) in service.Methods)
            {
                if (!handlers.TryAdd(path, binding.CreateHandler(this)))
                {
                    throw new ArgumentException($"Method {path} is registered twice.", nameof(services));
                }
            }
        }

        _handlers = handlers.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public GrpcServerOptions Options { get; }

    /// <summary>The services this server dispatches to, in registration order.</summary>
    public IReadOnlyList<ServiceDefinition> Services { get; }

    internal ServerInterceptor[] Interceptors { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// Serves one HTTP request as a gRPC call. Requests that are not gRPC get a plain HTTP error
    /// (426 for HTTP/1.x, 405 for a method other than POST, 415 for another content type); an
    /// unknown path answers UNIMPLEMENTED.
    /// </summary>
    public Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !HttpProtocol.IsHttp2(request.Protocol)
            || !GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            return RejectAsync(context);
        }

        if (!_handlers.TryGetValue(request.Path.Value ?? string.Empty, out var handler))
        {
            var path = request.Path.Value;
            CallCompletion.WriteTrailersOnly(
                context.Response,
                new Status(StatusCode.Unimplemented, $"Method {path} is not implemented by this server."),
                trailers: null);
            return Task.CompletedTask;
        }

        return handler.HandleCallAsync(context);
    }

    private static Task RejectAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.ContentType = "text/plain";
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "h2c";
            return response.WriteAsync($"gRPC needs HTTP/2; this request is {request.Protocol}.\n");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "POST";
            return response.WriteAsync("gRPC calls are POST requests.\n");
        }

        response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        return response.WriteAsync($"Content-Type '{request.ContentType}' is not application/grpc.\n");
    }
}
