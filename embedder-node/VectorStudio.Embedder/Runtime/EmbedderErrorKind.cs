// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>What went wrong in the embedder's model runtime (the kind of an <see cref="EmbedderException"/>).</summary>
public enum EmbedderErrorKind
{
    /// <summary>The model package folder or its manifest is missing or invalid.</summary>
    InvalidPackage,

    /// <summary>The model file named by the manifest does not exist.</summary>
    ModelNotFound,

    /// <summary>The model file exists but cannot be loaded by the backend (corrupt, wrong format).</summary>
    InvalidModel,

    /// <summary>The model's output is not [batch, dim] or [batch, seq, hidden] as the manifest says.</summary>
    UnsupportedOutput,

    /// <summary>The caller's input (token ids, mask, batch, sequence length) is invalid.</summary>
    InvalidInput,

    /// <summary>The requested device does not exist on this machine.</summary>
    DeviceUnavailable,

    /// <summary>The model failed while computing a batch.</summary>
    InferenceFailed,

    /// <summary>A native library (the LibTorch shim or ONNX Runtime) is not installed next to the assembly.</summary>
    NativeLibraryMissing,

    /// <summary>Reading or writing a file failed.</summary>
    Io,

    /// <summary>An unexpected failure inside a native runtime.</summary>
    Internal,
}
