// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using VectorStudio.Client;
using VectorStudio.Embedder.Runtime;
using VectorStudio.Embedder.Tests.Runtime;
using VectorStudio.EmbedderNode.Configuration;
using VectorStudio.Hosting;
using VectorStudio.Rpc.Client;

namespace VectorStudio.EmbedderNode.Tests;

/// <summary>
/// The test models, and a helper that starts a real embedder host (Kestrel on loopback, real gRPC) over
/// one of them with the settings a test asks for.
/// </summary>
public sealed class EmbedderNodeFixture : IAsyncLifetime
{
    public ModelFixture Models { get; } = new();

    public static bool TorchAvailable => NativeLibraries.Find(NativeLibraries.TorchShimFile) is not null;

    public Task InitializeAsync() => Models.InitializeAsync();

    public Task DisposeAsync() => Models.DisposeAsync();

    public async Task<RunningNode> StartAsync(string package, Func<EmbedderOptions, EmbedderOptions>? tune = null)
    {
        var server = new ServerOptions(IPAddress.Loopback, 0, 0, null, null, 16 * 1024 * 1024, "test-embedder", Microsoft.Extensions.Logging.LogLevel.Warning);
        var options = new EmbedderOptions(server, Models.PathOf(package), "cpu", false, 2, 16, TimeSpan.FromMilliseconds(2), 4096, 256);
        var host = await EmbedderHost.StartAsync(tune?.Invoke(options) ?? options, CancellationToken.None);
        return new RunningNode(host);
    }

    public sealed class RunningNode : IAsyncDisposable
    {
        internal RunningNode(EmbedderHost host)
        {
            Host = host;
            HttpAddress = new Uri($"http://127.0.0.1:{host.HttpPort}");
            Channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{host.GrpcPort}"));
            Client = new EmbedderClient(Channel);
        }

        public EmbedderHost Host { get; }

        public GrpcChannel Channel { get; }

        public EmbedderClient Client { get; }

        public Uri HttpAddress { get; }

        public async ValueTask DisposeAsync()
        {
            Channel.Dispose();
            await Host.DisposeAsync();
        }
    }
}
