// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Client;

/// <summary>What kind of failure a <see cref="KubeApiException"/> is; callers switch on this.</summary>
public enum KubeErrorKind
{
    /// <summary>No HTTP answer: connection refused, DNS, TLS handshake or timeout.</summary>
    Unreachable,

    /// <summary>400: the request itself is malformed.</summary>
    BadRequest,

    /// <summary>401: no or wrong credentials.</summary>
    Unauthorized,

    /// <summary>403: authenticated but RBAC does not allow it.</summary>
    Forbidden,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>409 with reason AlreadyExists: create of a name that exists.</summary>
    AlreadyExists,

    /// <summary>409 otherwise: a stale resourceVersion (optimistic-concurrency conflict) or an apply conflict.</summary>
    Conflict,

    /// <summary>410: the resourceVersion is older than the server's history; re-list.</summary>
    Gone,

    /// <summary>422: the object fails validation; the Status causes name the fields.</summary>
    Invalid,

    /// <summary>429: throttled; retry later.</summary>
    TooManyRequests,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>Any other status, or a response body the client cannot decode.</summary>
    Other,
}
