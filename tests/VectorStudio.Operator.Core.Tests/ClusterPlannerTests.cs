// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Apps;
using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Core.Tests;

public sealed class ClusterPlannerTests
{
    [Fact]
    public void Plan_Should_PlanNothingAndHoldExistingObjects_When_TheSpecIsInvalid()
    {
        var cluster = Fixtures.Cluster(new() { Node = new() { GrpcPort = 9000, HttpPort = 9000 } });
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3));

        var desired = ClusterPlanner.Plan(cluster, observed, Fixtures.Inputs);

        Assert.True(desired.HoldExisting);
        Assert.Empty(desired.Objects);
        Assert.Empty(desired.CreateOnly);
        Assert.Contains("choose two different ports", Assert.Single(desired.ValidationErrors),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Should_CreateTheAuthSecretWithTheGivenToken_When_NoneIsNamedOrExists()
    {
        var desired = ClusterPlanner.Plan(Fixtures.Cluster(), ObservedCluster.Empty, new PlanInputs("t0k3n"));

        var secret = Assert.IsType<Secret>(Assert.Single(desired.CreateOnly));
        Assert.Equal("demo-auth", secret.Metadata.Name);
        Assert.Equal("t0k3n", secret.StringData!["token"]);
        Assert.Equal("demo-auth", NodeEnv(desired, "VECTORSTUDIO_AUTH_TOKEN").ValueFrom!.SecretKeyRef!.Name);
    }

    [Fact]
    public void Plan_Should_NotPlanTheSecretAgain_When_ItAlreadyExists()
    {
        var observed = ObservedCluster.Empty with { GeneratedAuthSecretExists = true };

        var desired = ClusterPlanner.Plan(Fixtures.Cluster(), observed, new PlanInputs("another"));

        Assert.Empty(desired.CreateOnly);
        Assert.Equal("demo-auth", NodeEnv(desired, "VECTORSTUDIO_AUTH_TOKEN").ValueFrom!.SecretKeyRef!.Name);
    }

    [Fact]
    public void Plan_Should_UseTheNamedSecretAndCreateNone_When_TheSpecNamesOne()
    {
        var desired = ClusterPlanner.Plan(Fixtures.Cluster(new() { Auth = new() { SecretName = "mine" } }),
            ObservedCluster.Empty, Fixtures.Inputs);

        Assert.Empty(desired.CreateOnly);
        Assert.Equal("mine", NodeEnv(desired, "VECTORSTUDIO_AUTH_TOKEN").ValueFrom!.SecretKeyRef!.Name);
    }

    [Fact]
    public void Plan_Should_RetainShardsAboveTheCountAndNotPlanThem_When_ShardsWereLowered()
    {
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3), Fixtures.Sts("demo", 1, 3, 3),
            Fixtures.Sts("demo", 2, 3, 3));

        var desired = ClusterPlanner.Plan(Fixtures.Cluster(new() { Shards = 1 }), observed, Fixtures.Inputs);

        Assert.Equal(["demo-shard-1", "demo-shard-2"], desired.RetainedShards);
        Assert.Equal(["demo-shard-0"], desired.Objects.OfType<StatefulSet>().Select(s => s.Metadata.Name));
    }

    [Fact]
    public void Plan_Should_KeepTheObservedClaimTemplates_When_StorageSizeChangesOnAnExistingStatefulSet()
    {
        var existing = Fixtures.Sts("demo", 0, 3, 3);
        existing.Spec!.VolumeClaimTemplates =
        [
            new PersistentVolumeClaim
            {
                Metadata = new() { Name = "data" },
                Spec = new()
                {
                    AccessModes = ["ReadWriteOnce"],
                    Resources = new() { Requests = new() { ["storage"] = "10Gi" } },
                },
            },
        ];

        var cluster = Fixtures.Cluster(new() { Node = new() { Storage = new() { Size = "50Gi" } } });
        var desired = ClusterPlanner.Plan(cluster, Fixtures.Observed(existing), Fixtures.Inputs);

        var sts = desired.Objects.OfType<StatefulSet>().Single();
        Assert.Equal("10Gi", sts.Spec!.VolumeClaimTemplates![0].Spec!.Resources.Requests!["storage"]);
    }

    [Fact]
    public void Plan_Should_OrderConfigMapAndServicesBeforeStatefulSets_When_Planning()
    {
        var kinds = ClusterPlanner.Plan(Fixtures.Cluster(new() { Shards = 2 }), ObservedCluster.Empty, Fixtures.Inputs)
            .Objects.Select(o => o.Kind).ToList();

        Assert.Equal(["ConfigMap", "Service", "Service", "StatefulSet", "PodDisruptionBudget", "StatefulSet",
            "PodDisruptionBudget"], kinds);
    }

    private static EnvVar NodeEnv(DesiredCluster desired, string name)
        => desired.Objects.OfType<StatefulSet>().First().Spec!.Template.Spec.Containers[0].Env!
            .Single(e => e.Name == name);
}
