// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf.Reflection;
using Grpc.Reflection.V1Alpha;
using VectorStudio.Contracts.V1;
using VectorStudio.Rpc.Reflection;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Reflection;

public sealed class ReflectionIndexTest
{
    private readonly ReflectionIndex _index = new([
        PointsReflection.Descriptor.Services[0],
        InteropReflection.Descriptor.Services[0],
    ]);

    [Fact]
    public void Answer_Should_ListServicesInRegistrationOrder_When_AskedToList()
    {
        var response = _index.Answer(new ServerReflectionRequest { ListServices = "*" });

        Assert.Equal(
            ["vectorstudio.v1.Points", "vectorstudio.testing.v1.InteropTest"],
            response.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Theory]
    [InlineData("vectorstudio.testing.v1.InteropTest", "vectorstudio/testing/v1/interop.proto")]
    [InlineData("vectorstudio.testing.v1.InteropTest.Bidi", "vectorstudio/testing/v1/interop.proto")]
    [InlineData(".vectorstudio.testing.v1.EchoRequest", "vectorstudio/testing/v1/interop.proto")]
    [InlineData("vectorstudio.testing.v1.EchoRequest.payload", "vectorstudio/testing/v1/interop.proto")]
    [InlineData("vectorstudio.v1.Points", "vectorstudio/v1/points.proto")]
    public void Answer_Should_FindDeclaringFile_When_SymbolIsKnown(string symbol, string file)
    {
        var response = _index.Answer(new ServerReflectionRequest { FileContainingSymbol = symbol });

        var first = FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal(file, first.Name);
    }

    [Fact]
    public void Answer_Should_FindNestedMessagesAndEnums_When_Declared()
    {
        var health = new ReflectionIndex([Grpc.Health.V1.HealthReflection.Descriptor.Services[0]]);

        var nestedEnum = health.Answer(new ServerReflectionRequest
        {
            FileContainingSymbol = "grpc.health.v1.HealthCheckResponse.ServingStatus",
        });
        var enumValue = health.Answer(new ServerReflectionRequest
        {
            FileContainingSymbol = "grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING",
        });

        const ServerReflectionResponse.MessageResponseOneofCase Found =
            ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse;
        Assert.Equal(Found, nestedEnum.MessageResponseCase);
        Assert.Equal(Found, enumValue.MessageResponseCase);
    }

    [Fact]
    public void Answer_Should_IncludeDependencies_When_FileImportsOthers()
    {
        var response = _index.Answer(new ServerReflectionRequest { FileByFilename = "vectorstudio/v1/points.proto" });

        var names = response.FileDescriptorResponse.FileDescriptorProto
            .Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name)
            .ToList();
        Assert.Equal("vectorstudio/v1/points.proto", names[0]);
        Assert.Contains("vectorstudio/v1/common.proto", names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Answer_Should_ReturnNotFoundError_When_FileOrSymbolIsUnknown()
    {
        var file = _index.Answer(new ServerReflectionRequest { FileByFilename = "nope.proto" });
        var symbol = _index.Answer(new ServerReflectionRequest { FileContainingSymbol = "no.Such" });

        Assert.Equal((int)StatusCode.NotFound, file.ErrorResponse.ErrorCode);
        Assert.Equal((int)StatusCode.NotFound, symbol.ErrorResponse.ErrorCode);
    }

    [Fact]
    public void Answer_Should_ReportNoExtensions_When_AskedAboutExtensions()
    {
        var extension = _index.Answer(new ServerReflectionRequest
        {
            FileContainingExtension = new ExtensionRequest
            {
                ContainingType = "vectorstudio.testing.v1.EchoRequest",
                ExtensionNumber = 100,
            },
        });
        var known = _index.Answer(new ServerReflectionRequest
        {
            AllExtensionNumbersOfType = "vectorstudio.testing.v1.EchoRequest",
        });
        var unknown = _index.Answer(new ServerReflectionRequest { AllExtensionNumbersOfType = "no.Such" });

        Assert.Equal((int)StatusCode.NotFound, extension.ErrorResponse.ErrorCode);
        Assert.Equal("vectorstudio.testing.v1.EchoRequest", known.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(known.AllExtensionNumbersResponse.ExtensionNumber);
        Assert.Equal((int)StatusCode.NotFound, unknown.ErrorResponse.ErrorCode);
    }

    [Fact]
    public void Answer_Should_EchoHostAndRequest_When_Answering()
    {
        var request = new ServerReflectionRequest { Host = "h", ListServices = string.Empty };

        var response = _index.Answer(request);

        Assert.Equal("h", response.ValidHost);
        Assert.Equal(request, response.OriginalRequest);
    }
}
