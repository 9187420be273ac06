// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.ShardNode.Tests;

/// <summary>One node shared by a test class; each test works in its own collection.</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    private NodeProcess? _node;

    public NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

    public async Task InitializeAsync() => _node = await NodeProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>A collection name no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];
}
