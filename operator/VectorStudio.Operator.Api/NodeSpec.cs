// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Api.Schema;

namespace VectorStudio.Operator.Api;

/// <summary>The shard node pods.</summary>
[CelRule("!has(self.grpcPort) || !has(self.httpPort) || self.grpcPort != self.httpPort",
    "node.grpcPort and node.httpPort must differ: gRPC (HTTP/2) and HTTP/1.1 cannot share a port")]
public sealed class NodeSpec
{
    [Description("Container image of vector-studio-node.")]
    [MinLength(1)]
    public string? Image { get; set; }

    [Description("Always, IfNotPresent or Never.")]
    public ImagePullPolicy? ImagePullPolicy { get; set; }

    [Description("CPU and memory of each shard pod. Requests at or below limits.")]
    public ResourceRequirements? Resources { get; set; }

    [Description("The persistent volume of each shard pod (mounted at /data).")]
    public StorageSpec? Storage { get; set; }

    [Description("gRPC port of the node (API, replication, health).")]
    [Range(1024, 65535)]
    public int? GrpcPort { get; set; }

    [Description("HTTP port of the node (/metrics, /healthz, /readyz).")]
    [Range(1024, 65535)]
    public int? HttpPort { get; set; }

    [Description("Extra command-line arguments for vector-studio-node, e.g. --search-threads 4. The "
        + "operator owns --data-dir, --bind, --grpc-port, --http-port and --node-id.")]
    [MaxLength(64)]
    public List<string>? ExtraArgs { get; set; }

    [Description("Extra environment variables of the node container. POD_NAME and POD_NAMESPACE are set "
        + "by the operator.")]
    [MaxLength(64)]
    [ListMapKeys("name")]
    public List<EnvVar>? ExtraEnv { get; set; }
}
