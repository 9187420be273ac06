// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Server.Internal;

/// <summary>
/// Writes a call's closing status: as HTTP/2 trailers after a response body, or folded into the
/// response headers ("Trailers-Only") when nothing else was sent.
/// </summary>
internal static class CallCompletion
{
    private static readonly string[] StatusValues = BuildStatusValues();

    public static void WriteTrailersOnly(HttpResponse response, Status status, Metadata? trailers)
    {
        var headers = response.Headers;
        headers.ContentType = GrpcProtocol.ContentType;
        headers.GrpcAcceptEncoding = MessageCompression.AcceptedEncodings;
        AddStatus(headers, status);
        if (trailers is { Count: > 0 })
        {
            MetadataHeaders.AddTo(headers, trailers);
        }
    }

    public static void WriteTrailers(HttpContext http, Status status, Metadata? trailers)
    {
        var feature = http.Features.Get<IHttpResponseTrailersFeature>()
            ?? throw new InvalidOperationException("The server does not support HTTP trailers, which gRPC needs.");
        var target = feature.Trailers;
        AddStatus(target, status);
        if (trailers is { Count: > 0 })
        {
            MetadataHeaders.AddTo(target, trailers);
        }
    }

    private static void AddStatus(IHeaderDictionary target, Status status)
    {
        var code = (int)status.StatusCode;
        target.GrpcStatus = (uint)code < (uint)StatusValues.Length
            ? StatusValues[code]
            : code.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            target.GrpcMessage = PercentEncoding.Encode(status.Detail);
        }
    }

    private static string[] BuildStatusValues()
    {
        var values = new string[17];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }
}
