// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Client;
using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Events;

namespace VectorStudio.Kube.Tests.RealCluster;

/// <summary>
/// The same verbs against a real API server, where one is reachable (see
/// <see cref="KubernetesFactAttribute"/>). Each test uses its own generated names in the
/// kubeconfig's namespace and deletes what it made.
/// </summary>
public sealed class RealClusterIntegrationTest
{
    private static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [KubernetesFact]
    public async Task ConfigMap_Should_RoundTripEveryVerb_When_ClusterIsReachable()
    {
        using var client = new KubeApiClient(KubernetesFactAttribute.Settings);
        var name = UniqueName("vs-kube-test");
        var labels = new Dictionary<string, string> { ["vectorstudio.io/test"] = name };
        try
        {
            var created = await client.CreateAsync(ConfigMaps, null, new TestConfigMap
            {
                Metadata = new ObjectMeta { Name = name, Labels = labels },
                Data = new() { ["a"] = "1" },
            });
            var conflict = await Assert.ThrowsAsync<KubeApiException>(() => client.CreateAsync(ConfigMaps, null, created));
            Assert.True(conflict.IsAlreadyExists || conflict.Kind == KubeErrorKind.BadRequest);

            var patched = await client.PatchAsync<TestConfigMap>(ConfigMaps, null, name, new { data = new { b = "2" } });
            Assert.Equal("2", patched.Data!["b"]);

            created.Data!["c"] = "3";
            var stale = await Assert.ThrowsAsync<KubeApiException>(() => client.ReplaceAsync(ConfigMaps, null, name, created));
            Assert.True(stale.IsConflict);

            var applied = await client.ApplyAsync(ConfigMaps, null, name, new TestConfigMap
            {
                Metadata = new ObjectMeta { Name = name },
                Data = new() { ["d"] = "4" },
            }, "vs-kube-test");
            Assert.Equal("4", applied.Data!["d"]);

            var listed = await client.ListAllAsync<TestConfigMap>(ConfigMaps, client.DefaultNamespace,
                new ListOptions { LabelSelector = $"vectorstudio.io/test={name}", Limit = 1 });
            Assert.Equal(name, Assert.Single(listed.Items).Metadata.Name);

            var recorder = new EventRecorder(client, "vectorstudio.io/kube-tests", Environment.MachineName);
            await recorder.RecordAsync(applied, EventTypes.Normal, "Tested", "Test", "round trip");
            var events = await client.ListAsync<KubeEvent>(ResourceType.Event, client.DefaultNamespace);
            Assert.Contains(events.Items, e => e.Regarding?.Name == name);
        }
        finally
        {
            await client.DeleteAsync(ConfigMaps, null, name);
        }

        Assert.Null(await client.GetOrNullAsync<TestConfigMap>(ConfigMaps, null, name));
    }

    [KubernetesFact]
    public async Task Lease_Should_BeAcquiredRenewedAndReleased_When_ClusterIsReachable()
    {
        using var client = new KubeApiClient(KubernetesFactAttribute.Settings);
        var options = new LeaderElectionOptions
        {
            Namespace = client.DefaultNamespace,
            LeaseName = UniqueName("vs-kube-lease"),
            Identity = "kube-tests-a",
        };
        try
        {
            var a = new LeaderElector(client, options);
            var b = new LeaderElector(client, options with { Identity = "kube-tests-b" });
            Assert.Equal(LeaderElector.LeaseAttempt.Held, await a.TryAcquireOrRenewAsync(default));
            Assert.Equal(LeaderElector.LeaseAttempt.HeldByOther, await b.TryAcquireOrRenewAsync(default));
            Assert.Equal(LeaderElector.LeaseAttempt.Held, await a.TryAcquireOrRenewAsync(default));
            await a.ReleaseAsync(default);
            Assert.Equal(LeaderElector.LeaseAttempt.Held, await b.TryAcquireOrRenewAsync(default));
        }
        finally
        {
            await client.DeleteAsync(ResourceType.Lease, null, options.LeaseName);
        }
    }
}
