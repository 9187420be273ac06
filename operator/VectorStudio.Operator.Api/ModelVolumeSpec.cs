// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace VectorStudio.Operator.Api;

/// <summary>A model package folder on an existing PersistentVolumeClaim.</summary>
public sealed class ModelVolumeSpec
{
    [Description("Name of the PersistentVolumeClaim (in the cluster's namespace) holding the model.")]
    [RegularExpression(VectorClusterDefaults.DnsSubdomainPattern)]
    [MaxLength(253)]
    [Required]
    public string ClaimName { get; set; } = "";

    [Description("Path of the model package folder (manifest.json, model file, tokenizer) inside the volume, e.g. models/minilm.")]
    [RegularExpression("^[^/].*$")]
    [MaxLength(1024)]
    [Required]
    public string Path { get; set; } = "";
}
