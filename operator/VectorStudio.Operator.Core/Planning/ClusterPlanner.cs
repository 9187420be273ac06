// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// Plan: the desired objects of a VectorCluster as a pure function of its spec and what was
/// observed. Order: topology ConfigMap, auth Secret, Services, then per shard its StatefulSet and
/// PodDisruptionBudget, then the embedder; pods mount the ConfigMap and read the Secret, so those
/// exist before the pods are created.
/// </summary>
public static class ClusterPlanner
{
    public static DesiredCluster Plan(V1Alpha1VectorCluster cluster, ObservedCluster observed, PlanInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(inputs);
        var errors = VectorClusterValidator.Validate(cluster);
        if (errors.Count > 0)
        {
            return new DesiredCluster { ValidationErrors = errors };
        }

        var name = cluster.Metadata.Name!;
        var spec = VectorClusterDefaults.ApplyDefaults(cluster.Spec);
        var generatedSecret = spec.Auth!.SecretName is null;
        spec.Auth.SecretName ??= VectorClusterNames.GeneratedAuthSecret(name);

        var objects = new List<IKubernetesObject>
        {
            TopologyConfigMapBuilder.Build(cluster, spec),
            ServiceBuilder.Headless(cluster, spec),
            ServiceBuilder.Client(cluster, spec),
        };
        for (var shard = 0; shard < spec.Shards!.Value; shard++)
        {
            var stsName = VectorClusterNames.ShardStatefulSet(name, shard);
            var existing = observed.StatefulSets.FirstOrDefault(s => s.Metadata.Name == stsName);
            objects.Add(ShardStatefulSetBuilder.Build(cluster, spec, shard, existing));
            if (spec.PodDisruptionBudget!.Enabled == true)
            {
                objects.Add(DisruptionBudgetBuilder.Build(cluster, shard));
            }
        }

        if (spec.Embedder is not null)
        {
            objects.Add(EmbedderBuilder.Deployment(cluster, spec));
            objects.Add(EmbedderBuilder.Service(cluster));
        }

        return new DesiredCluster
        {
            Objects = objects,
            CreateOnly = generatedSecret && !observed.GeneratedAuthSecretExists
                ? [AuthSecretBuilder.Build(cluster, inputs.NewAuthToken)]
                : [],
            RetainedShards = [.. ShardIndex.Above(name, spec.Shards.Value, observed.StatefulSets)],
        };
    }
}
