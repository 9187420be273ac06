// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Apps;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;
using VectorStudio.Operator.Core.Status;

namespace VectorStudio.Operator.Core.Tests.Status;

public sealed class ClusterStatusCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);

    private static V1Alpha1VectorCluster TwoByThree(ClusterPhase? previous = null) => Fixtures.Cluster(
        new() { Shards = 2, ReplicasPerShard = 3 }, generation: 4) is var c && previous is not null
            ? WithStatus(c, new() { Phase = previous })
            : Fixtures.Cluster(new() { Shards = 2, ReplicasPerShard = 3 }, generation: 4);

    private static V1Alpha1VectorCluster WithStatus(V1Alpha1VectorCluster c, V1Alpha1VectorCluster.ClusterStatus s)
    {
        c.Status = s;
        return c;
    }

    private static ClusterCondition Condition(V1Alpha1VectorCluster.ClusterStatus s, string type)
        => s.Conditions!.Single(c => c.Type == type);

    [Fact]
    public void Compute_Should_BePending_When_NoStatefulSetExists()
    {
        var s = ClusterStatusCalculator.Compute(TwoByThree(), ObservedCluster.Empty, T0);

        Assert.Equal(ClusterPhase.Pending, s.Phase);
        Assert.Equal(4, s.ObservedGeneration);
        Assert.Equal(0, s.ReadyShards);
        Assert.Equal(ConditionStatus.False, Condition(s, ConditionTypes.Ready).Status);
        Assert.Equal(ConditionReasons.Provisioning, Condition(s, ConditionTypes.Progressing).Reason);
        Assert.Equal(ConditionStatus.True, Condition(s, ConditionTypes.Progressing).Status);
        Assert.Equal(ConditionStatus.False, Condition(s, ConditionTypes.Degraded).Status);
        Assert.All(s.Conditions!, c => Assert.Equal(T0, c.LastTransitionTime));
    }

    [Fact]
    public void Compute_Should_BeProvisioningAndNameTheShard_When_SomeShardsHaveNoReadyReplicaYet()
    {
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3), Fixtures.Sts("demo", 1, 3, 0));

        var s = ClusterStatusCalculator.Compute(TwoByThree(), observed, T0);

        Assert.Equal(ClusterPhase.Provisioning, s.Phase);
        Assert.Equal(1, s.ReadyShards);
        Assert.Equal("shard 1: 0/3 replicas ready", Condition(s, ConditionTypes.Ready).Message);
        Assert.Equal(ConditionStatus.False, Condition(s, ConditionTypes.Degraded).Status);
        Assert.Equal([3, 0], s.Shards!.Select(x => x.ReadyReplicas));
    }

    [Fact]
    public void Compute_Should_BeReady_When_EveryReplicaOfEveryShardIsReady()
    {
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3), Fixtures.Sts("demo", 1, 3, 3));

        var s = ClusterStatusCalculator.Compute(TwoByThree(ClusterPhase.Provisioning), observed, T0);

        Assert.Equal(ClusterPhase.Ready, s.Phase);
        Assert.Equal(2, s.ReadyShards);
        Assert.Equal(ConditionReasons.AllReplicasReady, Condition(s, ConditionTypes.Ready).Reason);
        Assert.Equal(ConditionStatus.True, Condition(s, ConditionTypes.Ready).Status);
        Assert.Equal(ConditionReasons.RolloutComplete, Condition(s, ConditionTypes.Progressing).Reason);
        Assert.Equal(ConditionReasons.AsExpected, Condition(s, ConditionTypes.Degraded).Reason);
        Assert.All(s.Conditions!, c => Assert.Equal(4, c.ObservedGeneration));
    }

    [Fact]
    public void Compute_Should_BeDegradedWithShardUnavailable_When_AServingClusterLosesEveryReplicaOfAShard()
    {
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3), Fixtures.Sts("demo", 1, 3, 0));

        var s = ClusterStatusCalculator.Compute(TwoByThree(ClusterPhase.Ready), observed, T0);

        Assert.Equal(ClusterPhase.Degraded, s.Phase);
        Assert.Equal(ConditionReasons.ShardUnavailable, Condition(s, ConditionTypes.Degraded).Reason);
        Assert.Equal(ConditionStatus.True, Condition(s, ConditionTypes.Degraded).Status);
    }

    [Fact]
    public void Compute_Should_BeDegradedWithReplicasNotReady_When_AServingShardIsShortOfReplicas()
    {
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3), Fixtures.Sts("demo", 1, 3, 2));

        var s = ClusterStatusCalculator.Compute(TwoByThree(ClusterPhase.Ready), observed, T0);

        Assert.Equal(ClusterPhase.Degraded, s.Phase);
        Assert.Equal(ConditionReasons.ReplicasNotReady, Condition(s, ConditionTypes.Degraded).Reason);
        Assert.Equal("shard 1: 2/3 replicas ready", Condition(s, ConditionTypes.Degraded).Message);
    }

    [Fact]
    public void Compute_Should_BeInvalidAndKeepReportingShards_When_TheSpecIsInvalid()
    {
        var cluster = Fixtures.Cluster(new() { Shards = 1, Node = new() { Storage = new() { Size = "lots" } } });
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3));

        var s = ClusterStatusCalculator.Compute(cluster, observed, T0);

        Assert.Equal(ClusterPhase.Invalid, s.Phase);
        var ready = Condition(s, ConditionTypes.Ready);
        Assert.Equal(ConditionReasons.InvalidSpec, ready.Reason);
        Assert.Contains("nothing was changed", ready.Message, StringComparison.Ordinal);
        Assert.Contains("spec.node.storage.size 'lots' is not a positive quantity; use e.g. 10Gi", ready.Message,
            StringComparison.Ordinal);
        Assert.Equal(ConditionStatus.False, Condition(s, ConditionTypes.Progressing).Status);
        Assert.Equal(3, Assert.Single(s.Shards!).ReadyReplicas);
    }

    [Fact]
    public void Compute_Should_ReportScaling_When_ReplicasPerShardWasLowered()
    {
        var cluster = Fixtures.Cluster(new() { Shards = 1, ReplicasPerShard = 2 });
        cluster.Status = new() { Phase = ClusterPhase.Ready };
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3));

        var s = ClusterStatusCalculator.Compute(cluster, observed, T0);

        Assert.Equal(ClusterPhase.Updating, s.Phase);
        Assert.Equal(ConditionReasons.Scaling, Condition(s, ConditionTypes.Progressing).Reason);
        Assert.Equal("shard 0: 3 -> 2 replicas", Condition(s, ConditionTypes.Progressing).Message);
    }

    [Fact]
    public void Compute_Should_ReportRollingUpdate_When_AStatefulSetHasPodsOfAnOldRevision()
    {
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3, rolling: true), Fixtures.Sts("demo", 1, 3, 3));

        var s = ClusterStatusCalculator.Compute(TwoByThree(ClusterPhase.Ready), observed, T0);

        Assert.Equal(ClusterPhase.Updating, s.Phase);
        Assert.Equal(ConditionReasons.RollingUpdate, Condition(s, ConditionTypes.Progressing).Reason);
    }

    [Fact]
    public void Compute_Should_KeepRetainedShardsVisible_When_ShardsWereLowered()
    {
        var cluster = Fixtures.Cluster(new() { Shards = 1, ReplicasPerShard = 3 });
        cluster.Status = new() { Phase = ClusterPhase.Ready };
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3), Fixtures.Sts("demo", 1, 3, 3));

        var s = ClusterStatusCalculator.Compute(cluster, observed, T0);

        Assert.Equal(ClusterPhase.Updating, s.Phase);
        Assert.Equal(ConditionReasons.ShardRemovalPending, Condition(s, ConditionTypes.Progressing).Reason);
        Assert.Equal([0, 1], s.Shards!.Select(x => x.Index));
        Assert.Equal(1, s.ReadyShards);
    }

    [Fact]
    public void Compute_Should_KeepTransitionTimes_When_AConditionsStatusDoesNotChange()
    {
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3), Fixtures.Sts("demo", 1, 3, 3));
        var cluster = TwoByThree(ClusterPhase.Provisioning);
        cluster.Status = ClusterStatusCalculator.Compute(cluster, observed, T0);

        var same = ClusterStatusCalculator.Compute(cluster, observed, T1);
        var degraded = ClusterStatusCalculator.Compute(
            cluster, Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3), Fixtures.Sts("demo", 1, 3, 1)), T1);

        Assert.All(same.Conditions!, c => Assert.Equal(T0, c.LastTransitionTime));
        Assert.Equal(T1, Condition(degraded, ConditionTypes.Ready).LastTransitionTime);
        Assert.Equal(T1, Condition(degraded, ConditionTypes.Degraded).LastTransitionTime);
        Assert.Equal(T0, Condition(degraded, ConditionTypes.Progressing).LastTransitionTime);
    }

    [Fact]
    public void Compute_Should_TakePrimaryTermAndVectorCountFromNodeReports_When_NodesReport()
    {
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 3, 3), Fixtures.Sts("demo", 1, 3, 3)) with
        {
            NodeReports =
            [
                new NodeReport("demo-shard-0-1", IsPrimary: true, Term: 4, VectorCount: 1000),
                new NodeReport("demo-shard-0-0", IsPrimary: false, Term: 4, VectorCount: 990),
                new NodeReport("demo-shard-1-0", IsPrimary: false, Term: 2, VectorCount: 500),
                new NodeReport("demo-shard-10-0", IsPrimary: true, Term: 9, VectorCount: 7),
            ],
        };
        var cluster = TwoByThree(ClusterPhase.Ready);
        cluster.Status!.Shards = [new ShardStatus { Index = 1, CurrentPrimary = "demo-shard-1-2", Term = 3 }];

        var s = ClusterStatusCalculator.Compute(cluster, observed, T0);

        // Shard 0: its primary's count; shard 1: no primary reports, so its fullest replica. The
        // report of 'demo-shard-10-0' belongs to another shard and must not leak into shard 1.
        Assert.Equal(1500, s.VectorCount);
        Assert.Equal("demo-shard-0-1", s.Shards![0].CurrentPrimary);
        Assert.Equal(4, s.Shards[0].Term);
        Assert.Equal("demo-shard-1-2", s.Shards[1].CurrentPrimary);
        Assert.Equal(3, s.Shards[1].Term);
    }

    [Fact]
    public void Compute_Should_CarryOverConditionsItDoesNotOwn_When_RebalancingIsSet()
    {
        var cluster = TwoByThree(ClusterPhase.Ready);
        cluster.Status!.Conditions = [new ClusterCondition { Type = ConditionTypes.Rebalancing,
            Status = ConditionStatus.True, LastTransitionTime = T0 }];

        var s = ClusterStatusCalculator.Compute(cluster, ObservedCluster.Empty, T1);

        Assert.Equal(ConditionStatus.True, Condition(s, ConditionTypes.Rebalancing).Status);
        Assert.Equal(T0, Condition(s, ConditionTypes.Rebalancing).LastTransitionTime);
    }

    [Fact]
    public void Compute_Should_NotBeReady_When_TheEmbedderIsShortOfReplicas()
    {
        var cluster = Fixtures.Cluster(new()
        {
            Shards = 1,
            ReplicasPerShard = 1,
            Embedder = new() { Replicas = 2, Model = new() { Uri = "file:///m" } }
        });
        var observed = Fixtures.Observed(Fixtures.Sts("demo", 0, 1, 1)) with
        {
            Embedder = new Deployment { Status = new DeploymentStatus { ReadyReplicas = 1 } },
        };

        var s = ClusterStatusCalculator.Compute(cluster, observed, T0);

        Assert.Equal(ClusterPhase.Provisioning, s.Phase);
        Assert.Equal(ConditionReasons.EmbedderNotReady, Condition(s, ConditionTypes.Ready).Reason);
        Assert.Equal("embedder: 1/2 replicas ready", Condition(s, ConditionTypes.Ready).Message);
        Assert.Equal(1, s.EmbedderReadyReplicas);
    }
}
