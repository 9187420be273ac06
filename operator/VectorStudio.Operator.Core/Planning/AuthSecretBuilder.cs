// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// The generated auth Secret <c>&lt;cluster&gt;-auth</c> (key <c>token</c>), when the spec names none.
/// </summary>
public static class AuthSecretBuilder
{
    /// <param name="cluster">The VectorCluster.</param>
    /// <param name="token">The token, drawn by the caller: the planner never makes random values.</param>
    public static Secret Build(V1Alpha1VectorCluster cluster, string token)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new Secret
        {
            Metadata = ClusterLabels.Meta(cluster, VectorClusterNames.GeneratedAuthSecret(cluster.Metadata.Name!),
                ClusterLabels.AuthComponent),
            Type = "Opaque",
            StringData = new() { [ShardStatefulSetBuilder.AuthTokenKey] = token },
        };
    }
}
