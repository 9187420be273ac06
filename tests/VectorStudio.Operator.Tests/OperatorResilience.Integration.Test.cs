// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Apps;
using VectorStudio.Kube.Models.Coordination;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Controllers;
using VectorStudio.Operator.Tests.Infrastructure;

namespace VectorStudio.Operator.Tests;

/// <summary>Restarts, two replicas with a Lease, dropped watches and conflict storms.</summary>
public sealed class OperatorResilienceIntegrationTest
{
    [Fact]
    public async Task Restart_Should_ResumeWithoutWrites_When_NothingChangedWhileTheOperatorWasDown()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        var first = env.StartOperator();
        await env.CreateAsync(OperatorTestEnv.NewCluster());
        await env.WaitForPhaseAsync(ClusterPhase.Provisioning);
        await env.MarkStatefulSetsReadyAsync();
        await env.WaitForPhaseAsync(ClusterPhase.Ready);
        await env.StopAsync(first);
        var versions = await AllVersionsAsync(env);
        var events = (await env.EventsAsync()).Count;

        var second = env.StartOperator("op-b");
        await Eventually.TrueAsync(() => second.Metrics.Reconciles > 0, "the restarted operator reconciled");

        Assert.Equal(versions, await AllVersionsAsync(env));
        Assert.Equal(events, (await env.EventsAsync()).Count);
        Assert.Equal(2, (await env.ListAsync<StatefulSet>(OwnedKinds.StatefulSet)).Count);
    }

    [Fact]
    public async Task LeaderElection_Should_LetOnlyOneReplicaReconcileAndHandOver_When_TwoOperatorsRun()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        var a = env.StartOperator("op-a");
        await Eventually.TrueAsync(() => a.IsLeading, "op-a leads");
        var b = env.StartOperator("op-b");
        await Eventually.TrueAsync(() => b.Readiness.IsReady, "op-b synced its caches");
        await env.CreateAsync(OperatorTestEnv.NewCluster());
        await env.WaitForPhaseAsync(ClusterPhase.Provisioning);

        Assert.True(a.IsLeading);
        Assert.False(b.IsLeading);
        Assert.Equal("op-a", (await LeaseAsync(env)).Spec!.HolderIdentity);
        Assert.All(await env.EventsAsync(), e => Assert.Equal("op-a", e.ReportingInstance));

        await env.StopAsync(a);
        await Eventually.TrueAsync(() => b.IsLeading, "op-b takes over");
        Assert.Equal("op-b", (await LeaseAsync(env)).Spec!.HolderIdentity);
        await env.EditSpecAsync("demo", s => s.Shards = 3);
        await Eventually.ValueAsync(() => env.StatefulSetAsync("demo-shard-2"), _ => true, "op-b reconciles the edit");
    }

    [Fact]
    public async Task Reconcile_Should_Converge_When_WatchesDropAndWritesHitAConflictStorm()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        env.StartOperator(leaderElect: false);
        env.Server.Faults.FailNext(20, 409, "PATCH", "/statefulsets/");
        await env.CreateAsync(OperatorTestEnv.NewCluster(shards: 2));
        env.Server.Store.DropWatches();
        env.Server.Faults.FailNext(10, 409, "PUT", "/vectorclusters/demo/status");

        await env.WaitForPhaseAsync(ClusterPhase.Provisioning);
        Assert.Equal(2, (await env.ListAsync<StatefulSet>(OwnedKinds.StatefulSet)).Count);

        env.Server.Store.DropWatches();
        env.Server.Store.CompactHistory();
        await env.MarkStatefulSetsReadyAsync();
        await env.WaitForPhaseAsync(ClusterPhase.Ready);
        Assert.Equal(0, env.Server.Faults.Pending);
    }

    private static async Task<Dictionary<string, string?>> AllVersionsAsync(OperatorTestEnv env)
    {
        IEnumerable<IKubernetesObject> all = [.. await env.ListAsync<StatefulSet>(OwnedKinds.StatefulSet),
            .. await env.ListAsync<Kube.Models.Core.Service>(OwnedKinds.Service),
            .. await env.ListAsync<Kube.Models.Policy.PodDisruptionBudget>(OwnedKinds.PodDisruptionBudget),
            .. await env.ListAsync<Kube.Models.Core.ConfigMap>(OwnedKinds.ConfigMap),
            .. await env.ListAsync<Kube.Models.Core.Secret>(OwnedKinds.Secret),
            await env.GetClusterAsync()];
        return all.ToDictionary(o => $"{o.Kind}/{o.Metadata.Name}", o => o.Metadata.ResourceVersion);
    }

    private static Task<Lease> LeaseAsync(OperatorTestEnv env)
        => env.Client.GetAsync<Lease>(ResourceType.Lease, OperatorTestEnv.Namespace, "vector-studio-operator");
}
