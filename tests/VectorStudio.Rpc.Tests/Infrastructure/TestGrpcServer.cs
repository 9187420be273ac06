// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using VectorStudio.Interop.Server;
using VectorStudio.Rpc.Health;
using VectorStudio.Rpc.Reflection;
using VectorStudio.Rpc.Server;

namespace VectorStudio.Rpc.Tests.Infrastructure;

/// <summary>
/// An in-process server on a loopback port: InteropTest, health and reflection, with the default
/// limits and a <see cref="CallRecorder"/>. Shared by the tests of one collection; each test uses its
/// own calls (and <c>x-test-id</c> values), so they do not interfere.
/// </summary>
public sealed class TestGrpcServer : IAsyncLifetime
{
    private GrpcServerHost? _host;

    public HealthService Health { get; } = new();

    internal CallRecorder Recorder { get; } = new();

    public int Port => _host!.Port;

    public static async Task<GrpcServerHost> StartAsync(
        Action<GrpcServerHostOptions>? configure = null,
        HealthService? health = null)
    {
        health ??= new HealthService();
        var options = new GrpcServerHostOptions { Address = IPAddress.Loopback };
        configure?.Invoke(options);
        var interop = new InteropTestService(health, TimeProvider.System);
        var services = ReflectionService.AddTo([interop.CreateDefinition(), health.CreateDefinition()]);
        return await GrpcServerHost.StartAsync(options, services);
    }

    public async Task InitializeAsync() =>
        _host = await StartAsync(o => o.Server.Interceptors.Add(Recorder), Health);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GrpcServerCollection : ICollectionFixture<TestGrpcServer>
{
    public const string Name = "grpc-server";
}
