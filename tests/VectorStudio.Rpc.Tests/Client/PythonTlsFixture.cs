// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>A grpcio server that serves TLS with a certificate from a throw-away CA.</summary>
public sealed class PythonTlsFixture : IAsyncLifetime
{
    private PythonServerProcess? _server;

    public TestCertificates Certificates { get; } = new();

    public PythonServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public string Address => $"https://127.0.0.1:{Server.Port}";

    public async Task InitializeAsync() =>
        _server = await PythonServerProcess.StartAsync(
            "--tls-cert", Certificates.CertificatePath, "--tls-key", Certificates.KeyPath);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Certificates.Dispose();
    }
}
