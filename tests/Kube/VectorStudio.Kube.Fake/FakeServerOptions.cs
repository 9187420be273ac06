// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Fake;

/// <summary>How a <see cref="FakeKubeApiServer"/> listens and authenticates.</summary>
public sealed record FakeServerOptions
{
    /// <summary>Serve HTTPS with these certificates (null: plain HTTP).</summary>
    public TestCertificates? Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: demand a client certificate issued by its CA.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>Clock for creationTimestamp and deletionTimestamp.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Register the kinds the client library uses (Lease, events.k8s.io Event, ConfigMap).</summary>
    public bool RegisterCommonKinds { get; init; } = true;
}
