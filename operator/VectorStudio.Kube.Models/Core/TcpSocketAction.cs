// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Probe by opening a TCP connection.</summary>
public sealed class TcpSocketAction
{
    /// <summary>Port number or container port name.</summary>
    public string Port { get; set; } = "";
}
