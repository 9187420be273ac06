// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>Which runtime executes a model package.</summary>
public enum ModelBackendKind
{
    /// <summary>A TorchScript file run by LibTorch through the vstorch shim.</summary>
    TorchScript,

    /// <summary>An ONNX file run by ONNX Runtime through its C API.</summary>
    Onnx,
}
