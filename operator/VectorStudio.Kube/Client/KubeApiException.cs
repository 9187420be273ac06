// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Client;

/// <summary>
/// The one error the client throws for a failed request: the HTTP status, the server's
/// <see cref="Models.Status"/> (reason, message, code, causes) and a <see cref="KubeErrorKind"/>.
/// The message reads "VERB path: 409 Conflict: (server message)".
/// </summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException(KubeErrorKind kind, string message, HttpStatusCode? statusCode = null, Status? status = null,
        Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
        Status = status;
    }

    public KubeErrorKind Kind { get; }

    /// <summary>The HTTP status, or null when the server was not reached.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The server's Status body, when it sent one.</summary>
    public Status? Status { get; }

    public bool IsNotFound => Kind == KubeErrorKind.NotFound;

    /// <summary>A stale resourceVersion: re-read and try again.</summary>
    public bool IsConflict => Kind == KubeErrorKind.Conflict;

    public bool IsAlreadyExists => Kind == KubeErrorKind.AlreadyExists;

    public bool IsInvalid => Kind == KubeErrorKind.Invalid;

    public bool IsGone => Kind == KubeErrorKind.Gone;

    /// <summary>Whether retrying the same request later may succeed (network, 429, 5xx).</summary>
    public bool IsTransient => Kind is KubeErrorKind.Unreachable or KubeErrorKind.TooManyRequests or KubeErrorKind.ServerError;

    /// <summary>Classifies an HTTP failure; <paramref name="status"/> is the decoded body, if any.</summary>
    public static KubeApiException FromResponse(string verb, string path, HttpStatusCode code, Status? status, string? rawBody)
    {
        var kind = (int)code switch
        {
            400 => KubeErrorKind.BadRequest,
            401 => KubeErrorKind.Unauthorized,
            403 => KubeErrorKind.Forbidden,
            404 => KubeErrorKind.NotFound,
            409 when status?.Reason == "AlreadyExists" => KubeErrorKind.AlreadyExists,
            409 => KubeErrorKind.Conflict,
            410 => KubeErrorKind.Gone,
            422 => KubeErrorKind.Invalid,
            429 => KubeErrorKind.TooManyRequests,
            >= 500 and < 600 => KubeErrorKind.ServerError,
            _ => KubeErrorKind.Other,
        };
        var detail = status?.Message ?? (string.IsNullOrWhiteSpace(rawBody) ? "(no message)" : Truncate(rawBody));
        var hint = kind == KubeErrorKind.Unauthorized
            ? " (the token or client certificate was rejected: check the kubeconfig user or the service account)"
            : "";
        var reason = status?.Reason is { Length: > 0 } r ? r : code.ToString();
        return new KubeApiException(kind, $"{verb} {path}: {(int)code} {reason}: {detail}{hint}", code, status);
    }

    /// <summary>A request that got no HTTP answer.</summary>
    public static KubeApiException Unreachable(string verb, Uri url, Exception inner) =>
        new(KubeErrorKind.Unreachable,
            $"{verb} {url.PathAndQuery}: cannot reach the Kubernetes API at {url.GetLeftPart(UriPartial.Authority)}: "
            + inner.Message, inner: inner);

    private static string Truncate(string text) => text.Length <= 300 ? text.Trim() : text[..300].Trim() + "…";
}
