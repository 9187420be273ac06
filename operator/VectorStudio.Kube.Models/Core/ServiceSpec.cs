// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>The Service fields the operator sets.</summary>
public sealed class ServiceSpec
{
    /// <summary><c>ClusterIP</c> (default), <c>NodePort</c> or <c>LoadBalancer</c>.</summary>
    public string? Type { get; set; }

    /// <summary><c>None</c> makes the Service headless: DNS returns the pods' addresses.</summary>
    public string? ClusterIP { get; set; }

    public Dictionary<string, string> Selector { get; set; } = [];

    public List<ServicePort> Ports { get; set; } = [];

    /// <summary>Publish DNS records for pods that are not ready yet (peers find each other while starting).</summary>
    public bool? PublishNotReadyAddresses { get; set; }
}
