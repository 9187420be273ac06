// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models;

/// <summary>Any object the Kubernetes API serves: apiVersion, kind and metadata.</summary>
public interface IKubernetesObject
{
    /// <summary>Group and version, e.g. <c>apps/v1</c> or <c>v1</c> for the core group.</summary>
    string ApiVersion { get; set; }

    /// <summary>The kind, e.g. <c>StatefulSet</c>.</summary>
    string Kind { get; set; }

    /// <summary>Standard object metadata.</summary>
    ObjectMeta Metadata { get; set; }
}
