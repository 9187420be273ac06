// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Client;

/// <summary>Per-call settings.</summary>
/// <param name="Headers">Metadata sent with the call.</param>
/// <param name="Timeout">The deadline, relative to the call's start; sent as <c>grpc-timeout</c>.</param>
/// <param name="Compress">Gzip-compress request messages; null uses the channel's setting.</param>
/// <param name="CancellationToken">Cancels the call (the server sees a RST_STREAM).</param>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    TimeSpan? Timeout = null,
    bool? Compress = null,
    CancellationToken CancellationToken = default);
