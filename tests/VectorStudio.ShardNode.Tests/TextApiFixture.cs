// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.ShardNode.Tests;

/// <summary>
/// The text API set-up shared by a test class: the two test models, one embedder process serving the
/// 128-dimension one, and one shard node. Tests that stop or swap an embedder start their own.
/// </summary>
public sealed class TextApiFixture : IAsyncLifetime
{
    private readonly string _models = Directory.CreateTempSubdirectory("vs-text-models-").FullName;
    private EmbedderProcess? _embedder;
    private NodeProcess? _node;

    public string Model { get; private set; } = string.Empty;

    public string OtherModel { get; private set; } = string.Empty;

    public EmbedderProcess Embedder => _embedder ?? throw new InvalidOperationException("no embedder: " + TorchFactAttribute.Reason);

    public NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

    public async Task InitializeAsync()
    {
        if (!EmbedderProcess.TorchAvailable)
        {
            return;
        }

        (Model, OtherModel) = await TextModels.MakeAsync(_models);
        _embedder = await EmbedderProcess.StartAsync(Model);
        _node = await NodeProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_embedder is not null)
        {
            await _embedder.DisposeAsync();
        }

        Directory.Delete(_models, recursive: true);
    }
}
