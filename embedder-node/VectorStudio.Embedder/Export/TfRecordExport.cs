// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Export;

/// <summary>
/// Writes training data to a TFRecord file atomically: a failed export leaves no partial file behind.
/// </summary>
public static class TfRecordExport
{
    /// <summary>
    /// Writes <paramref name="examples"/> to <paramref name="path"/> through a temporary file that is
    /// flushed to disk and then renamed over the target; an existing file is replaced only on success.
    /// </summary>
    /// <returns>The number of records written.</returns>
    public static async Task<long> WriteFileAsync(
        string path,
        IEnumerable<TrainingExample> examples,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(examples);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            long count;
            var file = new FileStream(
                temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var writer = new TfRecordWriter(file);
            await using (writer.ConfigureAwait(false))
            {
                foreach (var example in examples)
                {
                    await writer.WriteExampleAsync(example, cancellationToken).ConfigureAwait(false);
                }

                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                count = writer.Count;
            }

            File.Move(temporary, path, overwrite: true);
            return count;
        }
        finally
        {
            File.Delete(temporary); // no-op after the move
        }
    }
}
