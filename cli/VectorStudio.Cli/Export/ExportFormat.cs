// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Cli.Export;

/// <summary>The file formats of <c>vsctl export</c>.</summary>
internal enum ExportFormat
{
    /// <summary>TFRecord of <c>tf.train.Example</c>s, written as the points stream in.</summary>
    TfRecord,

    /// <summary>A PyTorch file written by LibTorch (needs the native shim) plus a labels file.</summary>
    Pt,
}

/// <summary>Parsing of <see cref="ExportFormat"/> names.</summary>
internal static class ExportFormats
{
    public const string Accepted = "tfrecord, pt";

    public static ExportFormat Parse(string? text) => text?.ToUpperInvariant() switch
    {
        null => throw new UsageException($"export needs --format ({Accepted})"),
        "TFRECORD" => ExportFormat.TfRecord,
        "PT" => ExportFormat.Pt,
        _ => throw new UsageException($"--format '{text}' is not one of: {Accepted}"),
    };
}
