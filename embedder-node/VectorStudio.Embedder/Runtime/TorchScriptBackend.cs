// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// Runs a TorchScript model with LibTorch through the vstorch shim: <c>torch::jit::load</c> onto the chosen
/// device (CPU fallback when CUDA is absent), forward(input_ids, attention_mask) under inference mode,
/// then the shared pooling/normalisation of <see cref="EmbeddingOutput"/>.
/// </summary>
public sealed unsafe class TorchScriptBackend : IEmbeddingBackend
{
    private readonly TorchModuleHandle _module;
    private readonly OutputLayout _layout;
    private readonly ModelPackage _package;

    private TorchScriptBackend(TorchModuleHandle module, ModelPackage package, OutputLayout layout, EmbeddingModelInfo info, Prepack prepack)
    {
        _module = module;
        _package = package;
        _layout = layout;
        Info = info;
        PrepackedLinears = prepack.Linears;
        PrepackDetail = prepack.Detail;
    }

    /// <inheritdoc />
    public EmbeddingModelInfo Info { get; }

    /// <summary>How many linear layers run through oneDNN with prepacked weights (0: the model runs as loaded).</summary>
    public int PrepackedLinears { get; }

    /// <summary>What ran for those layers (oneDNN version and kernel), or why nothing was prepacked.</summary>
    public string PrepackDetail { get; }

    /// <summary>Loads the package's TorchScript file and finds the dimension by a test forward pass.</summary>
    /// <exception cref="EmbedderException">Missing shim, missing/corrupt/non-TorchScript file, bad output shape.</exception>
    public static TorchScriptBackend Load(ModelPackage package, EmbeddingBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        options ??= new EmbeddingBackendOptions();
        if (package.Backend != ModelBackendKind.TorchScript)
        {
            throw EmbedderException.InvalidPackage($"package {package.Name} is for backend {package.Backend}, not TorchScript");
        }

        TorchNative.EnsureReady();
        if (options.IntraOpThreads > 0)
        {
            TorchNative.Check(TorchNative.vst_set_num_threads(options.IntraOpThreads), "setting intra-op threads");
        }

        var choice = DeviceSelection.Choose(options.Device, options.Fp16, TorchNative.CudaDeviceCount(), "LibTorch");
        foreach (var note in choice.Notes)
        {
            options.Log?.Invoke($"embedder: {package.Name}: {note}");
        }

        if (!File.Exists(package.ModelPath))
        {
            throw new EmbedderException(EmbedderErrorKind.ModelNotFound, $"model file not found: {package.ModelPath}");
        }

        TorchNative.Check(
            TorchNative.vst_module_load(package.ModelPath, choice.Device, choice.Fp16 ? 1 : 0, out var module),
            $"loading TorchScript model {package.ModelPath}");
        try
        {
            var prepack = PrepackLinears(module, choice, options);
            options.Log?.Invoke(prepack.Linears > 0
                ? $"embedder: {package.Name}: {prepack.Linears} linear layers prepacked ({prepack.Detail})"
                : $"embedder: {package.Name}: linear layers run by LibTorch ({prepack.Detail})");
            var (layout, dimension) = Probe(module, package);
            var info = new EmbeddingModelInfo(
                package.Name, ModelBackendKind.TorchScript, dimension, choice.Device, choice.Precision,
                package.MaxSequenceLength, package.Pooling, package.Normalize);
            options.Log?.Invoke(
                $"embedder: loaded {info.Name} (torchscript) on {info.Device} {info.Precision}, dimension {dimension}, " +
                $"{TorchNative.vst_get_num_threads()} intra-op threads" +
                (NativeLibraries.MallocTuned ? $", malloc thresholds mmap {MallocTuning.MmapThreshold >> 20} MiB / trim {MallocTuning.TrimThreshold >> 20} MiB" : ""));
            return new TorchScriptBackend(module, package, layout, info, prepack);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public float[] Embed(ReadOnlySpan<long> inputIds, ReadOnlySpan<long> attentionMask, int batch, int sequenceLength)
    {
        ObjectDisposedException.ThrowIf(_module.IsClosed, this);
        EmbeddingInput.Validate(inputIds, attentionMask, batch, sequenceLength, Info.MaxSequenceLength);
        using var output = Forward(_module, inputIds, attentionMask, batch, sequenceLength);
        return EmbeddingOutput.Finish(
            output.Values, output.Shape, attentionMask, batch, sequenceLength, _layout, Info.Dimension, _package.Pooling, _package.Normalize);
    }

    /// <inheritdoc />
    public void Dispose() => _module.Dispose();

    private static Prepack PrepackLinears(TorchModuleHandle module, DeviceChoice choice, EmbeddingBackendOptions options)
    {
        if (!options.CpuPrepack)
        {
            return new Prepack(0, "prepacking is off");
        }

        if (choice.Device != "cpu" || choice.Fp16)
        {
            return new Prepack(0, $"prepacking is for CPU float32; this model runs on {choice.Device} {choice.Precision}");
        }

        const int DetailSize = 512;
        var detail = stackalloc byte[DetailSize];
        TorchNative.Check(TorchNative.vst_module_prepack(module, out var linears, detail, DetailSize), "prepacking linear layers");
        return new Prepack(linears, Marshal.PtrToStringUTF8((nint)detail) ?? "");
    }

    /// <summary>The test forward pass: one sequence of two padding-id tokens, all attended.</summary>
    private static (OutputLayout Layout, int Dimension) Probe(TorchModuleHandle module, ModelPackage package)
    {
        var sequence = Math.Min(2, package.MaxSequenceLength);
        var ids = new long[sequence];
        var mask = Enumerable.Repeat(1L, sequence).ToArray();
        try
        {
            using var output = Forward(module, ids, mask, 1, sequence);
            return EmbeddingOutput.Classify(output.Shape, 1, sequence, package.Pooling);
        }
        catch (EmbedderException e) when (e.Kind == EmbedderErrorKind.InferenceFailed)
        {
            throw new EmbedderException(
                EmbedderErrorKind.InvalidModel,
                $"{package.ModelPath}: the test forward pass at load failed; the model must take forward(input_ids, attention_mask) " +
                $"as int64 [batch, seq] tensors. {e.Message}",
                e);
        }
    }

    private static NativeTensor Forward(
        TorchModuleHandle module, ReadOnlySpan<long> inputIds, ReadOnlySpan<long> attentionMask, int batch, int sequenceLength)
    {
        var shape = stackalloc long[TorchNative.MaxRank];
        nint output;
        int rank;
        fixed (long* ids = inputIds)
        fixed (long* mask = attentionMask)
        {
            TorchNative.Check(TorchNative.vst_module_forward(module, ids, mask, batch, sequenceLength, out output, shape, out rank), "forward");
        }

        return new NativeTensor(output, new ReadOnlySpan<long>(shape, rank).ToArray());
    }

    private readonly record struct Prepack(int Linears, string Detail);

    /// <summary>A forward's float32 output in a shim-owned buffer, freed by Dispose.</summary>
    private readonly struct NativeTensor(nint data, long[] shape) : IDisposable
    {
        public long[] Shape { get; } = shape;

        public ReadOnlySpan<float> Values
        {
            get
            {
                long count = 1;
                foreach (var d in Shape)
                {
                    count *= d;
                }

                return new ReadOnlySpan<float>((void*)data, checked((int)count));
            }
        }

        public void Dispose() => TorchNative.vst_buffer_free(data);
    }
}
