// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using VectorStudio.Operator.Api.Schema;

namespace VectorStudio.Operator.Api;

/// <summary>Where the embedder's model comes from: exactly one of a volume or a URI.</summary>
[CelRule("has(self.volume) != has(self.uri)",
    "embedder.model needs exactly one of volume (a PersistentVolumeClaim holding the model) or uri")]
public sealed class ModelSpec
{
    [Description("A model package folder on an existing PersistentVolumeClaim, mounted read-only.")]
    public ModelVolumeSpec? Volume { get; set; }

    [Description("A model package the embedder fetches at start: an http(s) .tar.gz, .tgz, .tar or .zip archive, or a file:// folder or archive; end it with #sha256=<hex> to check the archive. Kept in an emptyDir cache for the pod's life.")]
    [RegularExpression("^(https?|file)://.+$")]
    [MaxLength(2048)]
    public string? Uri { get; set; }
}
