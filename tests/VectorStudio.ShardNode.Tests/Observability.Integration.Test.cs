// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Grpc.Health.V1;
using VectorStudio.Contracts.V1;
using VectorStudio.Metrics.Tests;
using VectorStudio.Rpc;

namespace VectorStudio.ShardNode.Tests;

/// <summary>/metrics, /healthz, /readyz and the gRPC health service of a real node.</summary>
public sealed class ObservabilityIntegrationTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private static readonly HttpClient Http = new();

    private NodeProcess Node => fixture.Node;

    [Fact]
    public async Task Metrics_Should_PassPromtoolAndCarryReferenceNames_When_NodeHasServedCalls()
    {
        var name = NodeFixture.UniqueName("metrics");
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 4, Distance = Distance.Dot });
        await Node.Points.UpsertAsync(TestData.Upsert(name, TestData.Points(25, 4)));
        await Node.Points.SearchAsync(TestData.Search(name, [1f, 0f, 0f, 0f], 3));
        await Assert.ThrowsAsync<RpcException>(() => Node.Collections.GetAsync("no-such-collection"));

        using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{Node.HttpPort}/metrics"));
        var text = await response.Content.ReadAsStringAsync();
        var (exitCode, output) = await Promtool.CheckMetricsAsync(text);

        Assert.True(exitCode == 0, $"promtool check metrics failed ({exitCode}): {output}\n{text}");
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("vdb_requests_total{code=\"OK\",method=\"/vectorstudio.v1.Points/Search\"}", text, StringComparison.Ordinal);
        Assert.Contains("vdb_errors_total{code=\"NotFound\",method=\"/vectorstudio.v1.Collections/Get\"} 1", text, StringComparison.Ordinal);
        Assert.Contains($"vdb_query_latency_seconds_count{{collection=\"{name}\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"vdb_points{{collection=\"{name}\"}} 25", text, StringComparison.Ordinal);
        Assert.Contains($"vdb_collection_bytes{{collection=\"{name}\",kind=\"vectors\"}}", text, StringComparison.Ordinal);
        Assert.Contains("vdb_memory_bytes{kind=\"resident\"}", text, StringComparison.Ordinal);
        Assert.Contains("vdb_active_connections{listener=\"grpc\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probes_Should_AnswerOk_When_NodeIsReady()
    {
        var healthz = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{Node.HttpPort}/healthz"));
        var readyz = await Http.GetAsync(new Uri($"http://127.0.0.1:{Node.HttpPort}/readyz"));
        var grpc = await Node.Channel.UnaryAsync(
            Rpc.Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Check"),
            new HealthCheckRequest());

        Assert.Equal("ok\n", healthz);
        Assert.Equal(System.Net.HttpStatusCode.OK, readyz.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, grpc.Status);
    }
}
