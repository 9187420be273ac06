// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>How to run a model package (the host binds these from its options).</summary>
public sealed record EmbeddingBackendOptions
{
    /// <summary>
    /// <c>auto</c> (CUDA when present, else CPU), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>. A CUDA device that is
    /// absent falls back to CPU with a log line.
    /// </summary>
    public string Device { get; init; } = "auto";

    /// <summary>Half precision; honoured on a GPU only (CPU runs fp32, with a log line).</summary>
    public bool Fp16 { get; init; }

    /// <summary>Intra-op threads of the runtime's CPU kernels; 0 keeps the runtime's default.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// TorchScript on CPU in float32: freeze the model at load and run its linear layers through oneDNN with
    /// their weights packed once (the shim's prepack.cpp), instead of LibTorch's BLAS call, which repacks
    /// every weight on every forward. False runs the model exactly as LibTorch loads it.
    /// </summary>
    public bool CpuPrepack { get; init; } = true;

    /// <summary>Receives one line per notable decision (device fallback, precision); null discards them.</summary>
    public Action<string>? Log { get; init; }
}
