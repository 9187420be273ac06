// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// Writes vectors (and integer labels) as a PyTorch file that Python's <c>torch.load</c> reads: a dict
/// <c>{"embeddings": float32 [rows, cols], "labels": int64 [rows]}</c> serialised by LibTorch's own
/// <c>torch::pickle_save</c> (the training-data export).
/// </summary>
public static class TorchTensorFile
{
    /// <summary>
    /// Loads the LibTorch shim now (once per process), so a caller can fail before doing any work when it
    /// is missing.
    /// </summary>
    /// <exception cref="EmbedderException">Kind NativeLibraryMissing, with the folders searched and how to build it.</exception>
    public static void EnsureAvailable() => TorchNative.EnsureReady();

    /// <summary>Writes <c>{"embeddings": [rows, cols]}</c> to <paramref name="path"/>.</summary>
    public static void Save(string path, ReadOnlySpan<float> matrix, int rows, int cols) =>
        Write(path, matrix, rows, cols, labels: default, withLabels: false);

    /// <summary>Writes <c>{"embeddings": [rows, cols], "labels": [rows]}</c> to <paramref name="path"/>.</summary>
    public static void Save(string path, ReadOnlySpan<float> matrix, int rows, int cols, ReadOnlySpan<long> labels)
    {
        if (labels.Length != rows)
        {
            throw EmbedderException.InvalidInput($"{labels.Length} labels for {rows} rows; one label per row is required");
        }

        Write(path, matrix, rows, cols, labels, withLabels: true);
    }

    private static unsafe void Write(string path, ReadOnlySpan<float> matrix, int rows, int cols, ReadOnlySpan<long> labels, bool withLabels)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (rows < 0 || cols < 0 || matrix.Length != (long)rows * cols)
        {
            throw EmbedderException.InvalidInput($"matrix has {matrix.Length} values; rows {rows} × cols {cols} needs {(long)rows * cols}");
        }

        TorchNative.EnsureReady();
        var full = Path.GetFullPath(path);
        fixed (float* m = matrix)
        fixed (long* l = labels)
        {
            // An empty span pins to null; the shim needs a non-null labels pointer to write them.
            long none = 0;
            var labelPointer = withLabels ? (l == null ? &none : l) : null;
            TorchNative.Check(TorchNative.vst_save_tensors(full, m, rows, cols, labelPointer), $"saving tensors to {full}");
        }
    }
}
