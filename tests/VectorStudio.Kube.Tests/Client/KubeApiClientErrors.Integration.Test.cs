// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Configuration;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Client;

/// <summary>Transport and server failures become one clear exception; conflicts are retried.</summary>
public sealed class KubeApiClientErrorsIntegrationTest
{
    [Fact]
    public async Task Get_Should_ThrowUnreachableNamingTheServer_When_NothingListens()
    {
        // A port that was free a moment ago: bind to 0, note the port, close.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new KubeApiClient(new KubeClientSettings { Server = new Uri($"http://127.0.0.1:{port}") });

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync<Widget>(TestKube.Widgets, "x", "a"));

        Assert.Equal(KubeErrorKind.Unreachable, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Contains($"cannot reach the Kubernetes API at http://127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Should_ThrowUnauthorizedWithAHint_When_TokenIsWrong()
    {
        await using var server = await TestKube.StartAsync();
        server.ValidTokens = new HashSet<string> { "right" };
        using var client = TestKube.Client(server, new StaticTokenSource("wrong"));

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync<Widget>(TestKube.Widgets, null));

        Assert.Equal(KubeErrorKind.Unauthorized, ex.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("401 Unauthorized", ex.Message, StringComparison.Ordinal);
        Assert.Contains("check the kubeconfig user or the service account", ex.Message, StringComparison.Ordinal);
        Assert.Equal("wrong", server.Requests.Single().Token);
    }

    [Fact]
    public async Task Get_Should_ThrowTransientServerError_When_ServerFails()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        server.Faults.FailNext(1, 500);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync<Widget>(TestKube.Widgets, null));

        Assert.Equal(KubeErrorKind.ServerError, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Contains("injected fault: 500 InternalError", ex.Message, StringComparison.Ordinal);
        Assert.Empty((await client.ListAsync<Widget>(TestKube.Widgets, null)).Items); // the next request is served
    }

    [Fact]
    public async Task UpdateWithRetry_Should_Succeed_When_ConflictsAreFewerThanAttempts()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 1));
        server.Faults.FailNext(2, 409, "PUT");

        var updated = await ConflictRetry.UpdateAsync<Widget>(client, TestKube.Widgets, null, "a", w =>
        {
            w.Spec!.Size++;
            return true;
        });

        Assert.Equal(2, updated.Spec!.Size); // applied once, to the latest read
        Assert.Equal(3, TestKube.Count(server, "PUT", "/widgets/a"));
        Assert.Equal(3, TestKube.Count(server, "GET", "/widgets/a")); // re-read before every attempt
    }

    [Fact]
    public async Task UpdateWithRetry_Should_RethrowConflict_When_AttemptsRunOut()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 1));
        server.Faults.FailNext(10, 409, "PUT");

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => ConflictRetry.UpdateAsync<Widget>(client, TestKube.Widgets, null, "a",
            w => { w.Spec!.Size = 9; return true; }, attempts: 3));

        Assert.True(ex.IsConflict);
        Assert.Equal(3, TestKube.Count(server, "PUT", "/widgets/a"));
        Assert.Equal(1, (await client.GetAsync<Widget>(TestKube.Widgets, null, "a")).Spec!.Size);
    }

    [Fact]
    public async Task UpdateWithRetry_Should_SkipTheWrite_When_MutateReportsNoChange()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 1));

        await ConflictRetry.UpdateAsync<Widget>(client, TestKube.Widgets, null, "a", _ => false);

        Assert.Equal(0, TestKube.Count(server, "PUT", "/widgets/a"));
    }

    [Fact]
    public void Backoff_Should_DoubleWithinJitterAndCap_When_AttemptsRepeat()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), jitter: 0.5, new Random(7));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        for (var i = 0; i < delays.Count; i++)
        {
            var floor = Math.Min(100 * Math.Pow(2, i), 1000);
            Assert.InRange(delays[i], floor, Math.Min(floor * 1.5, 1000));
        }

        Assert.Equal(1000, delays[^1]);
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 100, 150);
    }
}
