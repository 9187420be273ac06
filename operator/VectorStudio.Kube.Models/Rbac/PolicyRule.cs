// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Rbac;

/// <summary><c>rbac.authorization.k8s.io/v1 PolicyRule</c>: verbs allowed on resources of API groups.</summary>
public sealed class PolicyRule
{
    /// <summary>API groups; <c>""</c> is the core group.</summary>
    public List<string> ApiGroups { get; set; } = [];

    public List<string> Resources { get; set; } = [];

    public List<string> Verbs { get; set; } = [];
}
