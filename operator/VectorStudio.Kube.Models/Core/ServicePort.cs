// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>One port of a Service.</summary>
public sealed class ServicePort
{
    public string? Name { get; set; }

    public int Port { get; set; }

    /// <summary>The container port name (or number) traffic goes to.</summary>
    public string? TargetPort { get; set; }

    public string? Protocol { get; set; }

    /// <summary>Application protocol hint, e.g. <c>kubernetes.io/h2c</c>.</summary>
    public string? AppProtocol { get; set; }
}
