// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Grpc.Health.V1;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>The methods of the InteropTest and Health services, as the tests call them.</summary>
internal static class InteropMethods
{
    public static readonly Method<EchoRequest, EchoResponse> Unary =
        Method<EchoRequest, EchoResponse>.Create(InteropReflection.Descriptor.Services[0], "Unary");

    public static readonly Method<StreamRequest, EchoResponse> ServerStream =
        Method<StreamRequest, EchoResponse>.Create(InteropReflection.Descriptor.Services[0], "ServerStream");

    public static readonly Method<EchoRequest, EchoResponse> ClientStream =
        Method<EchoRequest, EchoResponse>.Create(InteropReflection.Descriptor.Services[0], "ClientStream");

    public static readonly Method<EchoRequest, EchoResponse> Bidi =
        Method<EchoRequest, EchoResponse>.Create(InteropReflection.Descriptor.Services[0], "Bidi");

    public static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthCheck =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Check");

    /// <summary>The payload the Python server sends for response_size: bytes 0..250 repeated.</summary>
    public static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i % 251);
        }

        return bytes;
    }
}
