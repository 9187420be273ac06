// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Configuration;
using VectorStudio.Kube.Fake;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Apps;
using VectorStudio.Kube.Models.Events;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Controllers;

namespace VectorStudio.Operator.Tests.Infrastructure;

/// <summary>
/// One fake Kubernetes API server (real HTTP on loopback, port 0) with the kinds the operator uses,
/// a client for the test's own reads and writes, and operators started against it. Every test owns
/// its environment, so tests are isolated and may run in parallel.
/// </summary>
internal sealed class OperatorTestEnv : IAsyncDisposable
{
    public const string Namespace = "db";

    private readonly List<OperatorHost> _hosts = [];
    private readonly List<KubeApiClient> _clients = [];

    private OperatorTestEnv(FakeKubeApiServer server)
    {
        Server = server;
        Client = NewClient();
    }

    public FakeKubeApiServer Server { get; }

    public KubeApiClient Client { get; }

    public static async Task<OperatorTestEnv> StartAsync()
    {
        var server = await FakeKubeApiServer.StartAsync();
        foreach (var type in new[]
        {
            OwnedKinds.VectorCluster, OwnedKinds.StatefulSet, OwnedKinds.Deployment, OwnedKinds.PodDisruptionBudget,
        })
        {
            server.Register(new FakeKind(type.Group, type.Version, type.Plural, type.Kind, true, HasStatus: true));
        }

        server.Register(new FakeKind("", "v1", "services", "Service", true, HasStatus: true));
        server.Register(new FakeKind("", "v1", "secrets", "Secret", true, HasStatus: false));
        server.Register(new FakeKind("", "v1", "pods", "Pod", true, HasStatus: true));
        return new OperatorTestEnv(server);
    }

    public KubeApiClient NewClient()
    {
        var client = new KubeApiClient(new KubeClientSettings { Server = Server.Url, Namespace = Namespace });
        _clients.Add(client);
        return client;
    }

    /// <summary>Starts an operator; lease timings are short (3 s / 2 s / 0.2 s) so a takeover test takes seconds.</summary>
    public OperatorHost StartOperator(string identity = "op-a", bool leaderElect = true)
    {
        var host = new OperatorHost(new OperatorOptions
        {
            Identity = identity,
            LeaderElect = leaderElect,
            LeaseNamespace = Namespace,
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        }, NewClient(), NullLoggerFactory.Instance);
        host.Start();
        _hosts.Add(host);
        return host;
    }

    public async Task StopAsync(OperatorHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    public static V1Alpha1VectorCluster NewCluster(string name = "demo", int shards = 2, int replicas = 2) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new V1Alpha1VectorCluster.ClusterSpec { Shards = shards, ReplicasPerShard = replicas },
    };

    public Task<V1Alpha1VectorCluster> CreateAsync(V1Alpha1VectorCluster cluster)
        => Client.CreateAsync(OwnedKinds.VectorCluster, Namespace, cluster);

    public Task<V1Alpha1VectorCluster> GetClusterAsync(string name = "demo")
        => Client.GetAsync<V1Alpha1VectorCluster>(OwnedKinds.VectorCluster, Namespace, name);

    public Task<V1Alpha1VectorCluster> EditSpecAsync(string name, Action<V1Alpha1VectorCluster.ClusterSpec> edit)
        => ConflictRetry.UpdateAsync<V1Alpha1VectorCluster>(Client, OwnedKinds.VectorCluster, Namespace, name, c =>
        {
            edit(c.Spec);
            return true;
        });

    public Task<StatefulSet?> StatefulSetAsync(string name)
        => Client.GetOrNullAsync<StatefulSet>(OwnedKinds.StatefulSet, Namespace, name);

    public async Task<IReadOnlyList<T>> ListAsync<T>(ResourceType type)
        where T : class
        => (await Client.ListAsync<T>(type, Namespace)).Items;

    public async Task<IReadOnlyList<KubeEvent>> EventsAsync()
        => (await Client.ListAsync<KubeEvent>(ResourceType.Event, Namespace)).Items;

    /// <summary>Plays the StatefulSet controller: every pod of every StatefulSet is up, ready and on the latest template.</summary>
    public async Task MarkStatefulSetsReadyAsync()
    {
        foreach (var sts in await ListAsync<StatefulSet>(OwnedKinds.StatefulSet))
        {
            var replicas = sts.Spec?.Replicas ?? 1;
            await Client.PatchStatusAsync<StatefulSet>(OwnedKinds.StatefulSet, Namespace, sts.Metadata.Name!, new
            {
                status = new
                {
                    observedGeneration = sts.Metadata.Generation,
                    replicas,
                    readyReplicas = replicas,
                    availableReplicas = replicas,
                    updatedReplicas = replicas,
                    currentRevision = "rev-" + sts.Metadata.Generation,
                    updateRevision = "rev-" + sts.Metadata.Generation,
                },
            });
        }
    }

    public async Task<V1Alpha1VectorCluster> WaitForPhaseAsync(ClusterPhase phase, string name = "demo", long? generation = null)
        => await Eventually.ValueAsync(() => GetClusterAsync(name)!,
            c => c.Status?.Phase == phase && c.Status.ObservedGeneration == (generation ?? c.Metadata.Generation),
            $"VectorCluster {name} in phase {phase}");

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
    }
}
