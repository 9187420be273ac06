// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary><c>v1 Secret</c>: credentials (the cluster's auth token).</summary>
public sealed class Secret : IKubernetesObject
{
    public string ApiVersion { get; set; } = "v1";

    public string Kind { get; set; } = "Secret";

    public ObjectMeta Metadata { get; set; } = new();

    /// <summary>e.g. <c>Opaque</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Values as given; the API server stores them base64-encoded in <c>data</c>.</summary>
    public Dictionary<string, string>? StringData { get; set; }

    /// <summary>Base64-encoded values as the API server returns them.</summary>
    public Dictionary<string, string>? Data { get; set; }
}
