// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Cli.Commands;
using VectorStudio.Embedder.Export;

namespace VectorStudio.Cli.Export;

/// <summary>
/// Streams rows into a TFRecord file of <c>tf.train.Example</c>s ("embedding" float_list, "label"
/// bytes_list or int64_list, "id" bytes_list with <c>--id-feature</c>): memory stays constant whatever the
/// collection's size.
/// </summary>
internal sealed class TfRecordSink : IExportSink
{
    private readonly string _target;
    private readonly string _temporary;
    private readonly bool _idFeature;
    private readonly FileStream _file;
    private readonly TfRecordWriter _writer;
    private bool _committed;
    private bool _closed;

    public TfRecordSink(string target, bool idFeature)
    {
        _target = target;
        _idFeature = idFeature;
        _temporary = TempFile.For(target);
        _file = new FileStream(
            _temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        _writer = new TfRecordWriter(_file);
    }

    public IReadOnlyList<string> Files => [_target];

    public ValueTask AddAsync(ExportRow row, CancellationToken cancellationToken)
    {
        var id = _idFeature ? Parsing.Format(row.Id) : null;
        var example = new TrainingExample(row.Vector, row.Label?.Text, row.Label?.Number, id);
        return _writer.WriteExampleAsync(example, cancellationToken);
    }

    public async Task<long> CommitAsync(CancellationToken cancellationToken)
    {
        await _writer.FlushAsync(cancellationToken);
        _file.Flush(flushToDisk: true);
        await CloseAsync();
        TempFile.Commit(_temporary, _target);
        _committed = true;
        return _writer.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        if (!_committed)
        {
            TempFile.Discard(_temporary);
        }
    }

    private async ValueTask CloseAsync()
    {
        if (!_closed)
        {
            _closed = true;
            await _writer.DisposeAsync();
        }
    }
}
