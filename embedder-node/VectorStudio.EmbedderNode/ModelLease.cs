// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder;

namespace VectorStudio.EmbedderNode;

/// <summary>A request's hold on one loaded model (see <see cref="ModelSlot"/>).</summary>
public sealed class ModelLease : IDisposable
{
    private ModelSlot.Entry? _entry;

    internal ModelLease(ModelSlot.Entry entry) => _entry = entry;

    public IEmbeddingPipeline Pipeline => (_entry ?? throw new ObjectDisposedException(nameof(ModelLease))).Pipeline;

    public long Generation => (_entry ?? throw new ObjectDisposedException(nameof(ModelLease))).Generation;

    public void Dispose() => Interlocked.Exchange(ref _entry, null)?.Release();
}
