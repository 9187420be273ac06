// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Cli.Export;

/// <summary>
/// Where exported rows go. Everything is written under temporary names beside the target;
/// <see cref="CommitAsync"/> renames them into place, and disposing an uncommitted sink deletes them,
/// so a failed export leaves no partial file and any earlier file at the target untouched.
/// </summary>
internal interface IExportSink : IAsyncDisposable
{
    /// <summary>The files a successful export leaves, target first.</summary>
    IReadOnlyList<string> Files { get; }

    ValueTask AddAsync(ExportRow row, CancellationToken cancellationToken);

    /// <summary>Finishes the files and renames them into place; returns the number of records.</summary>
    Task<long> CommitAsync(CancellationToken cancellationToken);
}
