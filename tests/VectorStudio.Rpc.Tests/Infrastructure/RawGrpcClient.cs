// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace VectorStudio.Rpc.Tests.Infrastructure;

/// <summary>
/// Sends hand-built gRPC requests with a plain HttpClient (HTTP/2 prior knowledge, exact version),
/// so tests can break the protocol on purpose and look at every header and trailer.
/// </summary>
internal sealed class RawGrpcClient : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="port">The server's loopback port.</param>
    /// <param name="serverCertificate">For TLS: the (self-signed) certificate the server must present.</param>
    public RawGrpcClient(int port, X509Certificate2? serverCertificate = null)
    {
        var handler = new SocketsHttpHandler();
        if (serverCertificate is not null)
        {
            var expected = serverCertificate.GetCertHashString();
            handler.SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, _, _) => certificate?.GetCertHashString() == expected;
        }

        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"{(serverCertificate is null ? "http" : "https")}://127.0.0.1:{port}"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Http => _http;

    public Task<RawGrpcResponse> UnaryAsync(
        string path,
        byte[] body,
        params (string Key, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, path, new ByteArrayContent(body), "application/grpc", headers);

    public async Task<RawGrpcResponse> SendAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        string? contentType,
        (string Key, string Value)[] headers,
        CancellationToken cancellationToken = default)
    {
        using var request = NewRequest(method, path, content);
        if (content is not null && contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (key, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RawGrpcResponse(
            response.StatusCode,
            response.Version,
            response.Headers,
            response.Content.Headers,
            response.TrailingHeaders,
            body);
    }

    /// <summary>An HTTP/2-only request: a request message ignores the client's default version.</summary>
    public static HttpRequestMessage NewRequest(HttpMethod method, string path, HttpContent? content) =>
        new(method, path)
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    public void Dispose() => _http.Dispose();
}
