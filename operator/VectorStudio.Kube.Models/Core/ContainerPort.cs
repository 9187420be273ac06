// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Kube.Models.Core;

/// <summary>A named port a container listens on.</summary>
public sealed class ContainerPort
{
    public string? Name { get; set; }

    [JsonPropertyName("containerPort")]
    public int Port { get; set; }

    public string? Protocol { get; set; }
}
