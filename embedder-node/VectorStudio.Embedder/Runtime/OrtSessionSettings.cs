// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// How <see cref="OrtSession.Open(OrtApi, string, OrtSessionSettings)"/> configures a session beyond ONNX Runtime's
/// defaults: intra-op threads, session config entries (onnxruntime_session_options_config_keys.h), free-dimension
/// overrides by name (a symbolic input dimension fixed at load), and diagnostics (optimised-model dump, profiling).
/// </summary>
internal sealed record OrtSessionSettings
{
    /// <summary>Intra-op threads; 0 keeps ONNX Runtime's default (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Session config entries, applied in order (a later key overrides an earlier one).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ConfigEntries { get; init; } = [];

    /// <summary>Symbolic dimensions (by name, e.g. <c>sequence</c>) fixed to a value for this session.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> FreeDimensions { get; init; } = [];

    /// <summary>ONNX Runtime's memory-pattern planner (reuses one block per input shape); on by default.</summary>
    public bool MemoryPattern { get; init; } = true;

    /// <summary>ONNX Runtime's CPU arena; on by default.</summary>
    public bool CpuArena { get; init; } = true;

    /// <summary>Writes the graph as optimised at load to this file (diagnostics); null writes nothing.</summary>
    public string? OptimizedModelPath { get; init; }

    /// <summary>Enables ONNX Runtime's per-node profiler with this file prefix (diagnostics); null disables it.</summary>
    public string? ProfilePrefix { get; init; }
}
