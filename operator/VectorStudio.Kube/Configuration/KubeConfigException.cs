// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Configuration;

/// <summary>
/// A kubeconfig or in-cluster configuration that cannot be used. The message names the file (or the
/// environment variable) and what is wrong with it.
/// </summary>
public sealed class KubeConfigException : Exception
{
    public KubeConfigException(string message)
        : base(message)
    {
    }

    public KubeConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
