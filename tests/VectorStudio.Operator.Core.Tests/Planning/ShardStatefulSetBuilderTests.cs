// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Core.Tests.Planning;

public sealed class ShardStatefulSetBuilderTests
{
    private static Kube.Models.Apps.StatefulSet Build(V1Alpha1VectorCluster.ClusterSpec? spec = null, int shard = 1)
    {
        var cluster = Fixtures.Cluster(spec);
        var defaulted = VectorClusterDefaults.ApplyDefaults(cluster.Spec);
        defaulted.Auth!.SecretName ??= "demo-auth";
        return ShardStatefulSetBuilder.Build(cluster, defaulted, shard, observed: null);
    }

    [Fact]
    public void Build_Should_NameAndSelectOneShard_When_Built()
    {
        var sts = Build();

        Assert.Equal("demo-shard-1", sts.Metadata.Name);
        Assert.Equal("demo-nodes", sts.Spec!.ServiceName);
        Assert.Equal("Parallel", sts.Spec.PodManagementPolicy);
        Assert.Equal(3, sts.Spec.Replicas);
        Assert.Equal("1", sts.Spec.Selector.MatchLabels![ClusterLabels.Shard]);
        Assert.DoesNotContain(ClusterLabels.ManagedBy, sts.Spec.Selector.MatchLabels.Keys);
        Assert.All(sts.Spec.Selector.MatchLabels,
            kv => Assert.Equal(kv.Value, sts.Spec.Template.Metadata.Labels![kv.Key]));
    }

    [Fact]
    public void Build_Should_WireTheNodesOptions_When_PortsAndExtraArgsAreGiven()
    {
        var sts = Build(new()
        {
            Node = new()
            {
                GrpcPort = 7000,
                HttpPort = 7001,
                ExtraArgs = ["--search-threads", "2"]
            }
        });
        var c = sts.Spec!.Template.Spec.Containers[0];

        Assert.Equal(
            ["--data-dir", "/data", "--bind", "0.0.0.0", "--grpc-port", "7000", "--http-port", "7001", "--node-id",
                "$(POD_NAME)",
                "--search-threads", "2"],
            c.Args);
        Assert.Equal("metadata.name", c.Env!.Single(e => e.Name == "POD_NAME").ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal(7000, c.ReadinessProbe!.Grpc!.Port);
        Assert.Equal("http", c.LivenessProbe!.HttpGet!.Port);
        Assert.Equal(7001, c.Ports!.Single(p => p.Name == "http").Port);
        Assert.Equal("/healthz", c.StartupProbe!.HttpGet!.Path);
        Assert.Equal(["grpc", "http"], c.Ports!.Select(p => p.Name));
    }

    [Fact]
    public void Build_Should_RunRestricted_When_Built()
    {
        var pod = Build().Spec!.Template.Spec;
        var sc = pod.Containers[0].SecurityContext!;

        Assert.True(pod.SecurityContext!.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile!.Type);
        Assert.True(sc.ReadOnlyRootFilesystem);
        Assert.False(sc.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], sc.Capabilities!.Drop);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.Contains(pod.Containers[0].VolumeMounts!, m => m.MountPath == "/tmp");
    }

    [Theory]
    [InlineData(StorageDeletePolicy.Retain, "Retain")]
    [InlineData(StorageDeletePolicy.Delete, "Delete")]
    public void Build_Should_MapTheDeletePolicyToTheClaimRetentionPolicy_When_Set(StorageDeletePolicy policy,
        string expected)
    {
        var sts = Build(new()
        {
            Node = new()
            {
                Storage = new()
                {
                    DeletePolicy = policy,
                    Size = "5Gi",
                    StorageClassName = "ssd"
                }
            }
        });

        Assert.Equal(expected, sts.Spec!.PersistentVolumeClaimRetentionPolicy!.WhenDeleted);
        Assert.Equal("Retain", sts.Spec.PersistentVolumeClaimRetentionPolicy.WhenScaled);
        var claim = Assert.Single(sts.Spec.VolumeClaimTemplates!);
        Assert.Equal("ssd", claim.Spec!.StorageClassName);
        Assert.Equal("5Gi", claim.Spec.Resources.Requests!["storage"]);
    }
}
