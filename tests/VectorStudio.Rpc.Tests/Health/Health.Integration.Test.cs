// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Net.Http.Headers;
using Grpc.Health.V1;
using VectorStudio.Rpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VectorStudio.Rpc.Tests.Health;

[Collection(GrpcServerCollection.Name)]
public sealed class HealthIntegrationTest(TestGrpcServer server) : IDisposable
{
    private const string Check = "/grpc.health.v1.Health/Check";
    private const string Watch = "/grpc.health.v1.Health/Watch";

    private readonly RawGrpcClient _client = new(server.Port);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Check_Should_AnswerServing_When_AskedAboutWholeServer()
    {
        var response = await _client.UnaryAsync(Check, GrpcFrames.Frame(new HealthCheckRequest()));

        Assert.Equal(ServingStatus.Serving, Assert.Single(response.Messages(HealthCheckResponse.Parser)).Status);
    }

    [Fact]
    public async Task Check_Should_FailNotFound_When_ServiceIsUnknown()
    {
        var request = new HealthCheckRequest { Service = "no.such.Service" };
        var response = await _client.UnaryAsync(Check, GrpcFrames.Frame(request));

        Assert.Equal(StatusCode.NotFound, response.Code);
    }

    [Fact]
    public async Task Watch_Should_StreamEveryChange_When_StatusFlips()
    {
        var service = "watch." + Guid.NewGuid().ToString("N");
        server.Health.SetStatus(service, ServingStatus.Serving);
        var content = new ByteArrayContent(GrpcFrames.Frame(new HealthCheckRequest { Service = service }));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = RawGrpcClient.NewRequest(HttpMethod.Post, Watch, content);
        using var response = await _client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();

        var first = await ReadAsync(body);
        server.Health.SetStatus(service, ServingStatus.NotServing);
        var second = await ReadAsync(body);
        server.Health.ClearStatus(service);
        var third = await ReadAsync(body);

        Assert.Equal(ServingStatus.Serving, first.Status);
        Assert.Equal(ServingStatus.NotServing, second.Status);
        Assert.Equal(ServingStatus.ServiceUnknown, third.Status);
    }

    [Fact]
    public async Task Watch_Should_AnswerServiceUnknown_When_ServiceIsUnknown()
    {
        var content = new ByteArrayContent(GrpcFrames.Frame(new HealthCheckRequest { Service = "no.such.Service" }));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = RawGrpcClient.NewRequest(HttpMethod.Post, Watch, content);
        using var response = await _client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();

        Assert.Equal(ServingStatus.ServiceUnknown, (await ReadAsync(body)).Status);
    }

    private static async Task<HealthCheckResponse> ReadAsync(Stream body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var prefix = new byte[5];
        await body.ReadExactlyAsync(prefix, timeout.Token);
        var data = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1))];
        await body.ReadExactlyAsync(data, timeout.Token);
        return HealthCheckResponse.Parser.ParseFrom(data);
    }
}
