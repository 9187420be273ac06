// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models;

/// <summary>
/// How the API serves one kind: group (empty for the core group), version, plural (the URL segment),
/// kind, and whether objects live in a namespace. The client builds every URL from this.
/// </summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary><c>coordination.k8s.io/v1</c> Lease, used for leader election.</summary>
    public static ResourceType Lease { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", true);

    /// <summary><c>events.k8s.io/v1</c> Event.</summary>
    public static ResourceType Event { get; } = new("events.k8s.io", "v1", "events", "Event", true);

    /// <summary><c>group/version</c>, or just <c>version</c> for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The URL prefix: <c>/api/v1</c> for the core group, <c>/apis/group/version</c> otherwise.</summary>
    public string ApiPrefix => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    public override string ToString() => $"{Plural}.{ApiVersion}";
}
