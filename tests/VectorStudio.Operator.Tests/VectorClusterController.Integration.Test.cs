// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Apps;
using VectorStudio.Kube.Models.Core;
using VectorStudio.Kube.Models.Policy;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Controllers;
using VectorStudio.Operator.Tests.Infrastructure;

namespace VectorStudio.Operator.Tests;

/// <summary>The controller against the fake API server: create, ready, scale, change, invalid, delete.</summary>
public sealed class VectorClusterControllerIntegrationTest
{
    [Fact]
    public async Task Reconcile_Should_CreateOwnedObjectsAndReportReady_When_AClusterIsCreatedAndItsPodsBecomeReady()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        env.StartOperator();
        var cluster = OperatorTestEnv.NewCluster();
        cluster.Spec.Embedder = new EmbedderSpec { Replicas = 1, Model = new ModelSpec { Uri = "https://models.example/minilm.pt" } };
        var created = await env.CreateAsync(cluster);

        var progressing = await env.WaitForPhaseAsync(ClusterPhase.Provisioning);
        Assert.Equal(ConditionStatus.True, progressing.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Progressing).Status);
        Assert.Equal(ConditionStatus.False, progressing.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);

        var sets = await env.ListAsync<StatefulSet>(OwnedKinds.StatefulSet);
        Assert.Equal(["demo-shard-0", "demo-shard-1"], sets.Select(s => s.Metadata.Name).Order());
        Assert.All(sets, s => Assert.Equal(2, s.Spec!.Replicas));
        var services = await env.ListAsync<Service>(OwnedKinds.Service);
        Assert.Contains(services, s => s.Metadata.Name == VectorClusterNames.HeadlessService("demo"));
        Assert.Contains(services, s => s.Metadata.Name == VectorClusterNames.ClientService("demo"));
        Assert.Equal(2, (await env.ListAsync<PodDisruptionBudget>(OwnedKinds.PodDisruptionBudget)).Count);
        Assert.Single(await env.ListAsync<ConfigMap>(OwnedKinds.ConfigMap));
        Assert.Single(await env.ListAsync<Secret>(OwnedKinds.Secret));
        Assert.Single(await env.ListAsync<Deployment>(OwnedKinds.Deployment));
        IEnumerable<IKubernetesObject> owned = [.. sets, .. services,
            .. await env.ListAsync<PodDisruptionBudget>(OwnedKinds.PodDisruptionBudget),
            .. await env.ListAsync<ConfigMap>(OwnedKinds.ConfigMap), .. await env.ListAsync<Secret>(OwnedKinds.Secret),
            .. await env.ListAsync<Deployment>(OwnedKinds.Deployment)];
        Assert.All(owned, o => Assert.Contains(o.Metadata.OwnerReferences!, r => r.Uid == created.Metadata.Uid && r.Controller == true));

        await env.MarkStatefulSetsReadyAsync();
        await env.Client.PatchStatusAsync<Deployment>(OwnedKinds.Deployment, OperatorTestEnv.Namespace, "demo-embedder",
            new { status = new { replicas = 1, readyReplicas = 1, availableReplicas = 1, updatedReplicas = 1 } });
        var ready = await env.WaitForPhaseAsync(ClusterPhase.Ready);

        Assert.Equal(2, ready.Status!.ReadyShards);
        Assert.All(ready.Status.Shards!, s => Assert.Equal(2, s.ReadyReplicas));
        Assert.Equal(ConditionStatus.True, ready.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);
        await Eventually.TrueAsync(async () => (await env.EventsAsync()).Any(e => e.Reason == EventReasons.Ready), "a Ready event");
        var events = await env.EventsAsync();
        Assert.Contains(events, e => e.Reason == EventReasons.Created && e.Note!.Contains("StatefulSet demo-shard-0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_Should_ScaleStatefulSetsAndKeepRemovedShards_When_ShardsAndReplicasChange()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        env.StartOperator();
        await env.CreateAsync(OperatorTestEnv.NewCluster(shards: 2, replicas: 2));
        await env.WaitForPhaseAsync(ClusterPhase.Provisioning);

        await env.EditSpecAsync("demo", s => (s.Shards, s.ReplicasPerShard) = (3, 3));
        await Eventually.ValueAsync(() => env.StatefulSetAsync("demo-shard-2"), s => s.Spec!.Replicas == 3, "shard 2 created");
        await Eventually.ValueAsync(() => env.StatefulSetAsync("demo-shard-0"), s => s.Spec!.Replicas == 3, "shard 0 scaled to 3");
        await Eventually.TrueAsync(async () => (await env.EventsAsync()).Any(e => e.Reason == EventReasons.Scaled), "a Scaled event");

        // Scale down: the planner retains shard 2 (its data has not been moved yet) and says so in status
        // once the remaining shards have settled (scaling and rollout reasons come first).
        await env.EditSpecAsync("demo", s => s.Shards = 2);
        await env.MarkStatefulSetsReadyAsync();
        var status = await Eventually.ValueAsync(() => env.GetClusterAsync()!,
            c => c.Status?.Conditions?.Any(x => x.Reason == ConditionReasons.ShardRemovalPending) == true,
            "a ShardRemovalPending condition");
        Assert.Equal(status.Metadata.Generation, status.Status!.ObservedGeneration);
        Assert.NotNull(await env.StatefulSetAsync("demo-shard-2"));
        Assert.Equal(3, (await env.ListAsync<PodDisruptionBudget>(OwnedKinds.PodDisruptionBudget)).Count);
    }

    [Fact]
    public async Task Reconcile_Should_UpdateTheStatefulSetTemplate_When_ImageOrResourcesChange()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        env.StartOperator();
        await env.CreateAsync(OperatorTestEnv.NewCluster(shards: 1));
        var before = await Eventually.ValueAsync(() => env.StatefulSetAsync("demo-shard-0"), _ => true, "shard 0");

        await env.EditSpecAsync("demo", s => s.Node = new NodeSpec
        {
            Image = "registry.example/vector-studio-node:9.9",
            Resources = new ResourceRequirements { Limits = new() { ["memory"] = "3Gi" } },
        });

        var after = await Eventually.ValueAsync(() => env.StatefulSetAsync("demo-shard-0"),
            s => s.Spec!.Template!.Spec!.Containers![0].Image == "registry.example/vector-studio-node:9.9", "the new image");
        Assert.Equal("3Gi", after.Spec!.Template!.Spec!.Containers![0].Resources!.Limits!["memory"]);
        Assert.True(after.Metadata.Generation > before.Metadata.Generation);
        await Eventually.TrueAsync(async () => (await env.EventsAsync()).Any(e => e.Reason == EventReasons.Updated), "an Updated event");
    }

    [Fact]
    public async Task Reconcile_Should_SetInvalidConditionAndDeleteNothing_When_TheSpecBecomesInvalid()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        env.StartOperator();
        await env.CreateAsync(OperatorTestEnv.NewCluster(shards: 2, replicas: 2));
        await env.WaitForPhaseAsync(ClusterPhase.Provisioning);
        var versions = (await env.ListAsync<StatefulSet>(OwnedKinds.StatefulSet)).ToDictionary(s => s.Metadata.Name!, s => s.Metadata.ResourceVersion);

        // minReplicas above replicasPerShard: a rule only the validator (and CEL on a real server) catches.
        await env.EditSpecAsync("demo", s =>
        {
            s.Shards = 1;
            s.Replication = new ReplicationSpec { Mode = ReplicationMode.SemiSync, MinReplicas = 5 };
        });

        var invalid = await env.WaitForPhaseAsync(ClusterPhase.Invalid);
        var ready = invalid.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(ConditionReasons.InvalidSpec, ready.Reason);
        Assert.Contains("minReplicas", ready.Message, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await env.EventsAsync()).Any(e => e.Reason == EventReasons.InvalidSpec), "an InvalidSpec event");
        var after = (await env.ListAsync<StatefulSet>(OwnedKinds.StatefulSet)).ToDictionary(s => s.Metadata.Name!, s => s.Metadata.ResourceVersion);
        Assert.Equal(versions, after);
        Assert.Equal(2, (await env.ListAsync<PodDisruptionBudget>(OwnedKinds.PodDisruptionBudget)).Count);
    }

    [Fact]
    public async Task Reconcile_Should_PruneTheEmbedder_When_TheSpecDropsIt()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        env.StartOperator();
        var cluster = OperatorTestEnv.NewCluster(shards: 1);
        cluster.Spec.Embedder = new EmbedderSpec { Replicas = 1, Model = new ModelSpec { Uri = "https://models.example/m.pt" } };
        await env.CreateAsync(cluster);
        await Eventually.TrueAsync(async () => (await env.ListAsync<Deployment>(OwnedKinds.Deployment)).Count == 1, "the embedder");

        await env.EditSpecAsync("demo", s => s.Embedder = null);

        await Eventually.TrueAsync(async () => (await env.ListAsync<Deployment>(OwnedKinds.Deployment)).Count == 0, "the embedder pruned");
        await Eventually.TrueAsync(async () => (await env.EventsAsync()).Any(e => e.Reason == EventReasons.Pruned), "a Pruned event");
        Assert.NotNull(await env.StatefulSetAsync("demo-shard-0"));
    }

    [Fact]
    public async Task Delete_Should_RemoveOwnedObjectsThroughOwnerReferences_When_TheClusterIsDeleted()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        env.StartOperator();
        var cluster = OperatorTestEnv.NewCluster(shards: 1);
        cluster.Spec.Node = new NodeSpec { Storage = new StorageSpec { DeletePolicy = StorageDeletePolicy.Delete } };
        await env.CreateAsync(cluster);
        var sts = await Eventually.ValueAsync(() => env.StatefulSetAsync("demo-shard-0"), _ => true, "shard 0");
        Assert.Equal("Delete", sts.Spec!.PersistentVolumeClaimRetentionPolicy!.WhenDeleted);

        await env.Client.DeleteAsync(OwnedKinds.VectorCluster, OperatorTestEnv.Namespace, "demo");

        await Eventually.TrueAsync(async () => (await env.ListAsync<StatefulSet>(OwnedKinds.StatefulSet)).Count == 0
            && (await env.ListAsync<Service>(OwnedKinds.Service)).Count == 0
            && (await env.ListAsync<Secret>(OwnedKinds.Secret)).Count == 0, "owned objects garbage-collected");
    }
}
