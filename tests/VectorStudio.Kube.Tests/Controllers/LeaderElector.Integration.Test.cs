// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Client;
using VectorStudio.Kube.Configuration;
using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Fake;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Coordination;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Controllers;

/// <summary>
/// Leader election against the fake server on a fake clock: races, expiry, release, partition.
/// Timing is client-go's default (lease 15 s, renew deadline 10 s, retry 2 s).
/// </summary>
public sealed class LeaderElectorIntegrationTest
{
    private static readonly string[] Identities = ["a", "b", "c"];

    private static LeaderElectionOptions Options(string identity, TimeProvider time, string lease = "operator") => new()
    {
        Namespace = TestKube.Namespace,
        LeaseName = lease,
        Identity = identity,
        Time = time,
    };

    // Each replica has its own client; the token only labels its requests (the server checks none).
    private static KubeApiClient ClientFor(FakeKubeApiServer server, string identity) =>
        TestKube.Client(server, new StaticTokenSource(identity));

    [Fact]
    public async Task TryAcquire_Should_LetExactlyOneWin_When_CandidatesRaceForAFreeOrExpiredLease()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestKube.StartAsync(time);
        var clients = Identities.Select(id => ClientFor(server, id)).ToArray();
        try
        {
            for (var round = 0; round < 10; round++)
            {
                var lease = $"race-{round}";
                var electors = clients.Select((c, i) => new LeaderElector(c, Options($"r{i}", time, lease))).ToArray();

                // Free lease: all create at once; the server lets one create win.
                var first = await Task.WhenAll(electors.Select(e => Task.Run(() => e.TryAcquireOrRenewAsync(default))));
                Assert.Single(first, r => r == LeaderElector.LeaseAttempt.Held);
                var winner = electors[Array.IndexOf(first, LeaderElector.LeaseAttempt.Held)];

                // Expired lease: the others observed it, the holder went silent for longer than the lease.
                var others = electors.Where(e => e != winner).ToArray();
                await Task.WhenAll(others.Select(e => e.TryAcquireOrRenewAsync(default)));
                time.Advance(TimeSpan.FromSeconds(16));
                var second = await Task.WhenAll(others.Select(e => Task.Run(() => e.TryAcquireOrRenewAsync(default))));
                Assert.Single(second, r => r == LeaderElector.LeaseAttempt.Held);
                var stored = await clients[0].GetAsync<Lease>(ResourceType.Lease, TestKube.Namespace, lease);
                Assert.Equal(1, stored.Spec!.LeaseTransitions);
                Assert.NotEqual(winner.Identity, stored.Spec.HolderIdentity);
            }
        }
        finally
        {
            foreach (var c in clients)
            {
                c.Dispose();
            }
        }
    }

    [Fact]
    public async Task TryAcquire_Should_WaitForTheFullLeaseOnItsOwnClock_When_HolderStopsRenewing()
    {
        await using var candidates = await TwoCandidates.StartAsync();
        var (time, clientA, a, b) = candidates;

        Assert.Equal(LeaderElector.LeaseAttempt.Held, await a.TryAcquireOrRenewAsync(default));
        Assert.Equal(LeaderElector.LeaseAttempt.HeldByOther, await b.TryAcquireOrRenewAsync(default));
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal(LeaderElector.LeaseAttempt.HeldByOther, await b.TryAcquireOrRenewAsync(default)); // 14 s < 15 s
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LeaderElector.LeaseAttempt.Held, await b.TryAcquireOrRenewAsync(default));
        Assert.Equal(LeaderElector.LeaseAttempt.HeldByOther, await a.TryAcquireOrRenewAsync(default));

        var lease = await clientA.GetAsync<Lease>(ResourceType.Lease, TestKube.Namespace, "operator");
        Assert.Equal("b", lease.Spec!.HolderIdentity);
        Assert.Equal(15, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(time.GetUtcNow(), lease.Spec.AcquireTime);
        Assert.Equal(time.GetUtcNow(), lease.Spec.RenewTime);
    }

    [Fact]
    public async Task Run_Should_HandOverPromptly_When_TheLeaderStopsAndReleases()
    {
        await using var candidates = await TwoCandidates.StartAsync();
        var (time, clientA, a, b) = candidates;
        var stoppedA = 0;
        var leadingTokenCancelled = false;
        a.OnStoppedLeading = () => stoppedA++;
        a.OnStartedLeading = async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => leadingTokenCancelled = true, TaskScheduler.Default);
        };
        using var ctsA = new CancellationTokenSource();
        using var ctsB = new CancellationTokenSource();
        await using var watch = new BothLeadersWatch(a, b);

        var runA = a.RunAsync(ctsA.Token);
        await Eventually.TrueAsync(() => a.IsLeader, "a leads");
        var runB = b.RunAsync(ctsB.Token);
        await Eventually.TrueAsync(() => b.Waits == 1 && b.ObservedHolder == "a", "b campaigns and sees a");
        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => b.Waits == 2 && a.Waits == 2, "one renew and one retry later");
        Assert.False(b.IsLeader);

        await ctsA.CancelAsync();
        await runA.WaitAsync(Eventually.Timeout);
        Assert.False(a.IsLeader);
        Assert.Equal(1, stoppedA);
        Assert.True(leadingTokenCancelled);
        var released = await clientA.GetAsync<Lease>(ResourceType.Lease, TestKube.Namespace, "operator");
        Assert.Equal("", released.Spec!.HolderIdentity);

        time.Advance(TimeSpan.FromSeconds(2)); // b's next retry takes the released lease at once
        await Eventually.TrueAsync(() => b.IsLeader, "b leads after a released");
        await ctsB.CancelAsync();
        await runB.WaitAsync(Eventually.Timeout);
        Assert.Equal(0, watch.Violations);
        var final = await clientA.GetAsync<Lease>(ResourceType.Lease, TestKube.Namespace, "operator");
        Assert.Equal(1, final.Spec!.LeaseTransitions); // a → b (a release is not a transition)
    }

    [Fact]
    public async Task Run_Should_StepDownBeforeTheSuccessorTakesOver_When_TheLeaderIsCutOff()
    {
        await using var candidates = await TwoCandidates.StartAsync();
        var (time, clientA, a, b) = candidates;
        using var cts = new CancellationTokenSource();
        await using var watch = new BothLeadersWatch(a, b);
        var runA = a.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => a.IsLeader && a.Waits == 1, "a leads and waits to renew");
        var runB = b.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => b.Waits == 1, "b campaigns");

        // From now on every request of a fails: a cannot renew, and must stop leading after the
        // renew deadline (10 s), before b — which waits out the 15 s lease — takes over.
        candidates.Server.Faults.FailNext(int.MaxValue, 503, r => r.Token == "a");
        var stepDownAt = -1;
        var takeOverAt = -1;
        for (var second = 2; second <= 24 && takeOverAt < 0; second += 2)
        {
            var (waitsA, waitsB) = (a.Waits, b.Waits);
            time.Advance(TimeSpan.FromSeconds(2));
            await Eventually.TrueAsync(() => (a.Waits > waitsA || runA.IsCompleted) && (b.Waits > waitsB || b.IsLeader),
                $"both electors acted at t={second} s");
            if (stepDownAt < 0 && !a.IsLeader)
            {
                stepDownAt = second;
            }

            if (b.IsLeader)
            {
                takeOverAt = second;
            }
        }

        await cts.CancelAsync();
        await Task.WhenAll(runA, runB).WaitAsync(Eventually.Timeout);
        Assert.Equal(10, stepDownAt); // the renew deadline
        Assert.InRange(takeOverAt, 16, 18); // 15 s lease from b's last observation, on a 2 s retry grid
        Assert.Equal(0, watch.Violations);
    }

    /// <summary>Samples both electors until disposed and counts moments when both claim to lead.</summary>
    private sealed class BothLeadersWatch : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _violations;

        public BothLeadersWatch(LeaderElector a, LeaderElector b) => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (a.IsLeader && b.IsLeader)
                {
                    Interlocked.Increment(ref _violations);
                }

                await Task.Delay(1);
            }
        });

        public int Violations => Volatile.Read(ref _violations);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }

    /// <summary>A fake API server on a manual clock and two electors, "a" and "b", each with its own client.</summary>
    private sealed class TwoCandidates : IAsyncDisposable
    {
        private readonly KubeApiClient _clientB;

        private TwoCandidates(ManualTimeProvider time, FakeKubeApiServer server)
        {
            Server = server;
            Time = time;
            ClientA = ClientFor(server, "a");
            _clientB = ClientFor(server, "b");
            A = new LeaderElector(ClientA, Options("a", time));
            B = new LeaderElector(_clientB, Options("b", time));
        }

        public ManualTimeProvider Time { get; }

        public FakeKubeApiServer Server { get; }

        public KubeApiClient ClientA { get; }

        public LeaderElector A { get; }

        public LeaderElector B { get; }

        public static async Task<TwoCandidates> StartAsync()
        {
            var time = new ManualTimeProvider();
            return new TwoCandidates(time, await TestKube.StartAsync(time));
        }

        public void Deconstruct(out ManualTimeProvider time, out KubeApiClient clientA, out LeaderElector a, out LeaderElector b) =>
            (time, clientA, a, b) = (Time, ClientA, A, B);

        public async ValueTask DisposeAsync()
        {
            ClientA.Dispose();
            _clientB.Dispose();
            await Server.DisposeAsync();
        }
    }
}
