// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using VectorStudio.Kube.Models.Core;

namespace VectorStudio.Operator.Api;

/// <summary>The embedder workload (text to vector inference).</summary>
public sealed class EmbedderSpec
{
    [Description("Embedder pods. They are stateless; the shard nodes spread requests over them.")]
    [Range(0, 64)]
    public int? Replicas { get; set; }

    [Description("Container image of the embedder.")]
    [MinLength(1)]
    public string? Image { get; set; }

    [Description("Always, IfNotPresent or Never.")]
    public ImagePullPolicy? ImagePullPolicy { get; set; }

    [Description("The model package the embedder loads: a folder on a volume or a URI.")]
    public ModelSpec? Model { get; set; }

    [Description("cpu, or cuda: each pod asks for 'gpus' nvidia.com/gpu and is scheduled onto GPU nodes.")]
    public EmbedderDevice? Device { get; set; }

    [Description("cuda only: GPUs per embedder pod (nvidia.com/gpu limit).")]
    [Range(1, 16)]
    public int? Gpus { get; set; }

    [Description("Micro-batching of inference requests.")]
    public BatchingSpec? Batching { get; set; }

    [Description("CPU and memory of each embedder pod; nvidia.com/gpu is added for cuda.")]
    public ResourceRequirements? Resources { get; set; }

    [Description("Node labels an embedder pod's node must carry. With device cuda and none given, "
        + "nvidia.com/gpu.present=true is used.")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [Description("Extra taints the embedder pods tolerate (with cuda, nvidia.com/gpu is always tolerated).")]
    [MaxLength(32)]
    public List<Toleration>? Tolerations { get; set; }
}
