// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Configuration;

namespace VectorStudio.Operator.Tests.Infrastructure;

/// <summary>
/// A fact that runs only where <c>KUBECONFIG</c> names a readable kubeconfig (the kind workflow), and
/// says clearly that it skipped otherwise. Whether the server answers is the test's business: a
/// kubeconfig that is set but points nowhere is a failure there, not a skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KubeClusterFactAttribute : FactAttribute
{
    public KubeClusterFactAttribute()
    {
        if (KubeConfigLoader.DefaultPaths().Count == 0 || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBECONFIG")))
        {
            Skip = "no Kubernetes cluster: set KUBECONFIG to a cluster with the VectorCluster CRD installed (the kind workflow does)";
        }
    }
}
