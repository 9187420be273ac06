// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Apps;
using VectorStudio.Kube.Tests.RealCluster;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Controllers;
using VectorStudio.Operator.Tests.Infrastructure;

namespace VectorStudio.Operator.Tests;

/// <summary>
/// The controller against a real API server (kind in CI). It runs in the kubeconfig's namespace with
/// leader election off and a unique cluster name, and deletes what it created. The VectorCluster CRD
/// must be installed (the kind workflow applies crds/ first).
/// </summary>
public sealed class RealClusterIntegrationTest
{
    [KubernetesFact]
    public async Task Reconcile_Should_CreateShardStatefulSetsWithOwnerReferences_When_RunAgainstARealCluster()
    {
        using var client = new KubeApiClient(KubernetesFactAttribute.Settings);
        var ns = client.DefaultNamespace;
        var name = "it-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = new OperatorHost(new OperatorOptions { Identity = "it", LeaderElect = false, Namespaces = [ns] },
            client, NullLoggerFactory.Instance);
        host.Start();
        var created = await client.CreateAsync(OwnedKinds.VectorCluster, ns, new V1Alpha1VectorCluster
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new V1Alpha1VectorCluster.ClusterSpec { Shards = 2, ReplicasPerShard = 1 },
        });
        try
        {
            foreach (var shard in new[] { 0, 1 })
            {
                var sts = await Eventually.ValueAsync(
                    () => client.GetOrNullAsync<StatefulSet>(OwnedKinds.StatefulSet, ns, VectorClusterNames.ShardStatefulSet(name, shard)),
                    _ => true, $"shard {shard} StatefulSet");
                Assert.Contains(sts.Metadata.OwnerReferences!, r => r.Uid == created.Metadata.Uid);
            }

            await Eventually.ValueAsync(() => client.GetOrNullAsync<V1Alpha1VectorCluster>(OwnedKinds.VectorCluster, ns, name),
                c => c.Status?.ObservedGeneration == c.Metadata.Generation, "status observed the spec");
        }
        finally
        {
            await client.DeleteAsync(OwnedKinds.VectorCluster, ns, name);
        }
    }
}
