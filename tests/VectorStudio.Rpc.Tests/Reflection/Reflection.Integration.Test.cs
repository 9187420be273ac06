// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Rpc.Tests.Infrastructure;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace VectorStudio.Rpc.Tests.Reflection;

[Collection(GrpcServerCollection.Name)]
public sealed class ReflectionIntegrationTest(TestGrpcServer server) : IDisposable
{
    private readonly RawGrpcClient _client = new(server.Port);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ServerReflectionInfo_Should_AnswerEachRequest_When_UsingV1Alpha()
    {
        var body = GrpcFrames.Concat(
            GrpcFrames.Frame(new V1Alpha.ServerReflectionRequest { ListServices = string.Empty }),
            GrpcFrames.Frame(new V1Alpha.ServerReflectionRequest
            {
                FileContainingSymbol = "grpc.health.v1.Health.Watch",
            }));

        var response = await _client.UnaryAsync("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", body);

        var answers = response.Messages(V1Alpha.ServerReflectionResponse.Parser);
        Assert.Equal(StatusCode.OK, response.Code);
        Assert.Equal(2, answers.Count);
        Assert.Contains(answers[0].ListServicesResponse.Service, s => s.Name == "grpc.health.v1.Health");
        Assert.Single(answers[1].FileDescriptorResponse.FileDescriptorProto);
    }

    [Fact]
    public async Task ServerReflectionInfo_Should_ListEveryService_When_UsingV1()
    {
        var body = GrpcFrames.Frame(new V1.ServerReflectionRequest { ListServices = string.Empty });

        var response = await _client.UnaryAsync("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", body);

        var names = Assert.Single(response.Messages(V1.ServerReflectionResponse.Parser))
            .ListServicesResponse.Service.Select(s => s.Name);
        Assert.Equal(
            [
                "vectorstudio.testing.v1.InteropTest",
                "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection",
            ],
            names);
    }
}
