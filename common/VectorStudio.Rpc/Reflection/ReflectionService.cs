// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;
using VectorStudio.Rpc.Server;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace VectorStudio.Rpc.Reflection;

/// <summary>
/// Server reflection (<c>grpc.reflection.v1alpha</c> and <c>grpc.reflection.v1</c>
/// ServerReflectionInfo), so grpcurl, grpc_cli and Postman can discover the services without the
/// .proto files. Describes the registered services, the reflection services themselves included.
/// </summary>
public sealed class ReflectionService
{
    private readonly ReflectionIndex _index;

    /// <param name="services">The services to describe, usually every one the server registers.</param>
    public ReflectionService(IEnumerable<ServiceDefinition> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var descriptors = new List<Google.Protobuf.Reflection.ServiceDescriptor>();
        foreach (var service in services)
        {
            descriptors.Add(service.Descriptor);
        }

        descriptors.Add(V1.ReflectionReflection.Descriptor.Services[0]);
        descriptors.Add(V1Alpha.ReflectionReflection.Descriptor.Services[0]);
        _index = new ReflectionIndex(descriptors);
    }

    /// <summary>The service names that list_services answers with.</summary>
    public IReadOnlyList<string> ServiceNames => _index.Services;

    /// <summary>
    /// Returns <paramref name="services"/> followed by both reflection services, which describe all of them.
    /// </summary>
    public static IReadOnlyList<ServiceDefinition> AddTo(IEnumerable<ServiceDefinition> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var all = services.ToList();
        var reflection = new ReflectionService(all);
        all.Add(reflection.CreateV1Definition());
        all.Add(reflection.CreateV1AlphaDefinition());
        return all;
    }

    public ServiceDefinition CreateV1AlphaDefinition() =>
        ServiceDefinition.CreateBuilder(V1Alpha.ReflectionReflection.Descriptor.Services[0])
            .AddDuplexStreaming<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>(
                "ServerReflectionInfo",
                async (requests, responses, context) =>
                {
                    while (await requests.MoveNextAsync(context.CancellationToken).ConfigureAwait(false))
                    {
                        var answer = _index.Answer(requests.Current);
                        await responses.WriteAsync(answer, context.CancellationToken).ConfigureAwait(false);
                    }
                })
            .Build();

    /// <summary>v1 is v1alpha renamed: its messages are converted through their identical wire form.</summary>
    public ServiceDefinition CreateV1Definition() =>
        ServiceDefinition.CreateBuilder(V1.ReflectionReflection.Descriptor.Services[0])
            .AddDuplexStreaming<V1.ServerReflectionRequest, V1.ServerReflectionResponse>(
                "ServerReflectionInfo",
                async (requests, responses, context) =>
                {
                    while (await requests.MoveNextAsync(context.CancellationToken).ConfigureAwait(false))
                    {
                        var request = V1Alpha.ServerReflectionRequest.Parser.ParseFrom(requests.Current.ToByteString());
                        var answer = _index.Answer(request);
                        var converted = V1.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString());
                        await responses.WriteAsync(converted, context.CancellationToken).ConfigureAwait(false);
                    }
                })
            .Build();
}
