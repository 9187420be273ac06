// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.EmbedderNode.Tests.ModelSource;

namespace VectorStudio.EmbedderNode.Tests;

/// <summary>
/// Per test: a real HTTP server on loopback serving model archives, and a cache folder of its own that is
/// deleted afterwards.
/// </summary>
public abstract class ModelServerTestBase : IAsyncLifetime
{
    protected string Cache { get; } = Path.Combine(Path.GetTempPath(), "vs-model-cache-" + Guid.NewGuid().ToString("N"));

    private protected ModelServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ModelServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        if (Directory.Exists(Cache))
        {
            Directory.Delete(Cache, recursive: true);
        }
    }
}
