// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Probe by an HTTP GET; 200..399 is success.</summary>
public sealed class HttpGetAction
{
    public string? Path { get; set; }

    /// <summary>Port number or container port name.</summary>
    public string Port { get; set; } = "";

    public string? Scheme { get; set; }
}
