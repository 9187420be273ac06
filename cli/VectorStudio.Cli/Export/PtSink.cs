// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Text.Json;
using VectorStudio.Contracts.V1;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Cli.Export;

/// <summary>
/// Collects rows for a PyTorch file: <c>PATH</c> holds <c>{"embeddings": float32 [n, d]}</c>, plus
/// <c>"labels": int64 [n]</c> when the labels are integers, written by LibTorch through the native shim;
/// <c>PATH.labels.jsonl</c> holds one line per row in the same order, <c>{"id": …, "label": …}</c>
/// (label left out when exporting without one). A tensor is written whole, so the vectors are held in
/// memory (n × d × 4 bytes) until the end.
/// </summary>
internal sealed class PtSink : IExportSink
{
    private readonly string _target;
    private readonly string _labelsTarget;
    private readonly int _dimension;
    private readonly List<float> _matrix = [];
    private readonly List<long> _numericLabels = [];
    private readonly string _labelsTemporary;
    private readonly string _tensorTemporary;
    private readonly FileStream _labelsFile;
    private readonly Utf8JsonWriter _labelsWriter;
    private long _rows;
    private bool _committed;

    public PtSink(string target, int dimension)
    {
        _target = target;
        _labelsTarget = LabelsPath(target);
        _dimension = dimension;
        _tensorTemporary = TempFile.For(target);
        _labelsTemporary = TempFile.For(_labelsTarget);
        _labelsFile = new FileStream(_labelsTemporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _labelsWriter = new Utf8JsonWriter(_labelsFile, new JsonWriterOptions { SkipValidation = true });
    }

    public IReadOnlyList<string> Files => [_target, _labelsTarget];

    /// <summary>The labels file written beside a <c>.pt</c> export.</summary>
    public static string LabelsPath(string target) => target + ".labels.jsonl";

    /// <summary>Loads the LibTorch shim now, so a missing one fails before anything is read or written.</summary>
    /// <exception cref="EmbedderException">Kind NativeLibraryMissing, saying how to build it.</exception>
    public static void EnsureNativeAvailable() => TorchTensorFile.EnsureAvailable();

    public async ValueTask AddAsync(ExportRow row, CancellationToken cancellationToken)
    {
        _matrix.AddRange(row.Vector);
        if (row.Label?.Number is { } number)
        {
            _numericLabels.Add(number);
        }

        _labelsWriter.WriteStartObject();
        if (row.Id.KindCase == PointId.KindOneofCase.Num)
        {
            _labelsWriter.WriteNumber("id", row.Id.Num);
        }
        else
        {
            _labelsWriter.WriteString("id", row.Id.Str);
        }

        if (row.Label?.Text is { } text)
        {
            _labelsWriter.WriteString("label", text);
        }
        else if (row.Label?.Number is { } value)
        {
            _labelsWriter.WriteNumber("label", value);
        }

        _labelsWriter.WriteEndObject();
        await _labelsWriter.FlushAsync(cancellationToken);
        _labelsFile.WriteByte((byte)'\n');
        _labelsWriter.Reset();
        _rows++;
    }

    public async Task<long> CommitAsync(CancellationToken cancellationToken)
    {
        var rows = checked((int)_rows);
        var matrix = CollectionsMarshal.AsSpan(_matrix);
        if (_numericLabels.Count == rows && rows > 0)
        {
            TorchTensorFile.Save(_tensorTemporary, matrix, rows, _dimension, CollectionsMarshal.AsSpan(_numericLabels));
        }
        else
        {
            TorchTensorFile.Save(_tensorTemporary, matrix, rows, _dimension);
        }

        using (var written = new FileStream(_tensorTemporary, FileMode.Open, FileAccess.ReadWrite))
        {
            written.Flush(flushToDisk: true); // the shim's ofstream does not fsync
        }

        await _labelsWriter.FlushAsync(cancellationToken);
        _labelsFile.Flush(flushToDisk: true);
        await _labelsWriter.DisposeAsync();
        await _labelsFile.DisposeAsync();
        TempFile.Commit(_labelsTemporary, _labelsTarget);
        TempFile.Commit(_tensorTemporary, _target);
        _committed = true;
        return _rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _labelsWriter.DisposeAsync();
        await _labelsFile.DisposeAsync();
        if (!_committed)
        {
            TempFile.Discard(_labelsTemporary);
            TempFile.Discard(_tensorTemporary);
        }
    }
}
