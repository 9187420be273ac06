// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Tests.Infrastructure;

/// <summary>What came back for one raw HTTP/2 request.</summary>
internal sealed record RawGrpcResponse(
    HttpStatusCode HttpStatus,
    Version Version,
    HttpResponseHeaders Headers,
    HttpContentHeaders ContentHeaders,
    HttpResponseHeaders Trailers,
    byte[] Body)
{
    /// <summary>Whether the status came in the headers with no body (a Trailers-Only response).</summary>
    public bool IsTrailersOnly => Headers.Contains(GrpcProtocol.StatusHeader) && Body.Length == 0;

    public StatusCode? Code =>
        Get(GrpcProtocol.StatusHeader) is { } s ? (StatusCode)int.Parse(s, CultureInfo.InvariantCulture) : null;

    /// <summary>The decoded grpc-message.</summary>
    public string? Message => Get(GrpcProtocol.MessageHeader) is { } m ? PercentEncoding.Decode(m) : null;

    public string? RawMessage => Get(GrpcProtocol.MessageHeader);

    public List<(bool Compressed, byte[] Data)> Frames => GrpcFrames.Split(Body);

    public List<T> Messages<T>(MessageParser<T> parser)
        where T : IMessage<T> => [.. Frames.Select(f => parser.ParseFrom(f.Data))];

    /// <summary>A header or trailer value (trailers win, as the status lives there in a normal response).</summary>
    public string? Get(string name)
    {
        if (Trailers.TryGetValues(name, out var t))
        {
            return string.Join(",", t);
        }

        if (Headers.TryGetValues(name, out var h))
        {
            return string.Join(",", h);
        }

        return ContentHeaders.TryGetValues(name, out var c) ? string.Join(",", c) : null;
    }

    public string? HeaderOnly(string name) =>
        Headers.TryGetValues(name, out var h) ? string.Join(",", h)
        : ContentHeaders.TryGetValues(name, out var c) ? string.Join(",", c) : null;
}
