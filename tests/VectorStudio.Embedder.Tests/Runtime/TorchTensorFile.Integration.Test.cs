// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Embedder.Runtime;
using VectorStudio.Tests;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>The .pt training export, read back by an independent reader: Python's torch.load (python3-torch).</summary>
public sealed class TorchTensorFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vs-pt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [TorchFact]
    public async Task Save_Should_WriteWhatTorchLoadReads_When_GivenVectorsAndLabels()
    {
        var rows = 5;
        var cols = 3;
        var matrix = Enumerable.Range(0, rows * cols).Select(i => (i * 0.25f) - 1.5f).ToArray();
        long[] labels = [7, -1, 0, long.MaxValue, 42];
        var path = Path.Combine(_dir, "export.pt");
        TorchTensorFile.Save(path, matrix, rows, cols, labels);

        using var json = await TorchLoad.ReadAsync(path);
        var root = json.RootElement;
        Assert.Equal("torch.float32", root.GetProperty("embeddings_dtype").GetString());
        Assert.Equal("torch.int64", root.GetProperty("labels_dtype").GetString());
        Assert.Equal([rows, cols], root.GetProperty("embeddings_shape").Deserialize<int[]>()!);
        Assert.Equal(matrix, root.GetProperty("embeddings").Deserialize<float[][]>()!.SelectMany(r => r).ToArray());
        Assert.Equal(labels, root.GetProperty("labels").Deserialize<long[]>());
    }

    [TorchFact]
    public async Task Save_Should_WriteOnlyEmbeddings_When_NoLabelsAreGiven()
    {
        var path = Path.Combine(_dir, "plain.pt");
        TorchTensorFile.Save(path, [1f, 2f], 1, 2);
        using var json = await TorchLoad.ReadAsync(path);
        Assert.Equal(["embeddings"], json.RootElement.GetProperty("keys").Deserialize<string[]>()!);
    }

    [TorchFact]
    public void Save_Should_FailWithClearErrors_When_ShapesDisagreeOrThePathIsUnwritable()
    {
        var shape = Assert.Throws<EmbedderException>(() => TorchTensorFile.Save(Path.Combine(_dir, "a.pt"), [1f, 2f, 3f], 2, 2));
        Assert.Equal(EmbedderErrorKind.InvalidInput, shape.Kind);
        var labels = Assert.Throws<EmbedderException>(() => TorchTensorFile.Save(Path.Combine(_dir, "b.pt"), [1f, 2f], 2, 1, [1]));
        Assert.Equal(EmbedderErrorKind.InvalidInput, labels.Kind);
        var io = Assert.Throws<EmbedderException>(() => TorchTensorFile.Save(Path.Combine(_dir, "no", "such", "dir.pt"), [1f], 1, 1));
        Assert.Equal(EmbedderErrorKind.Io, io.Kind);
    }
}
