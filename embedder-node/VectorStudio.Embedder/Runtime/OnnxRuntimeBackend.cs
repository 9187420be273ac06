// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// Runs an ONNX model with ONNX Runtime's C API (libonnxruntime.so.1 from onnxruntime-node, CPU build).
/// Inputs are bound by name: <c>input_ids</c> (required), <c>attention_mask</c> and <c>token_type_ids</c>
/// (all zeros) when the model declares them, all int64 [batch, seq]. The first output is the embedding
/// output; pooling and normalisation are those of <see cref="EmbeddingOutput"/>, shared with TorchScript.
/// </summary>
public sealed unsafe class OnnxRuntimeBackend : IEmbeddingBackend
{
    private const int ElementFloat = 1; // ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT
    private const int ElementInt64 = 7; // ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64
    private static readonly string[] AcceptedInputs = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly OrtApi _api;
    private readonly OrtSession _session;
    private readonly OutputLayout _layout;
    private readonly ModelPackage _package;

    private OnnxRuntimeBackend(OrtApi api, OrtSession session, ModelPackage package, OutputLayout layout, EmbeddingModelInfo info)
    {
        _api = api;
        _session = session;
        _package = package;
        _layout = layout;
        Info = info;
    }

    /// <inheritdoc />
    public EmbeddingModelInfo Info { get; }

    /// <summary>The model's input names, in session order.</summary>
    public IReadOnlyList<string> InputNames => _session.Inputs;

    /// <summary>Loads the package's ONNX file and finds the dimension by a test forward pass.</summary>
    /// <exception cref="EmbedderException">Missing library, missing/corrupt model, unsupported inputs or output shape.</exception>
    public static OnnxRuntimeBackend Load(ModelPackage package, EmbeddingBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        options ??= new EmbeddingBackendOptions();
        if (package.Backend != ModelBackendKind.Onnx)
        {
            throw EmbedderException.InvalidPackage($"package {package.Name} is for backend {package.Backend}, not ONNX");
        }

        var api = OrtApi.Shared;
        // The onnxruntime-node library is ONNX Runtime's CPU build: CUDA requests fall back to CPU.
        var choice = DeviceSelection.Choose(options.Device, options.Fp16, cudaDevices: 0, "ONNX Runtime (CPU build)");
        foreach (var note in choice.Notes)
        {
            options.Log?.Invoke($"embedder: {package.Name}: {note}");
        }

        if (!File.Exists(package.ModelPath))
        {
            throw new EmbedderException(EmbedderErrorKind.ModelNotFound, $"model file not found: {package.ModelPath}");
        }

        var session = OrtSession.Open(api, package.ModelPath, options.IntraOpThreads);
        try
        {
            CheckSignature(api, session, package.ModelPath);
            var (layout, dimension) = Probe(api, session, package);
            var info = new EmbeddingModelInfo(
                package.Name, ModelBackendKind.Onnx, dimension, choice.Device, choice.Precision,
                package.MaxSequenceLength, package.Pooling, package.Normalize);
            options.Log?.Invoke(
                $"embedder: loaded {info.Name} (onnx, ONNX Runtime {api.Version}) on cpu fp32, dimension {dimension}, inputs {string.Join(", ", session.Inputs)}");
            return new OnnxRuntimeBackend(api, session, package, layout, info);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public float[] Embed(ReadOnlySpan<long> inputIds, ReadOnlySpan<long> attentionMask, int batch, int sequenceLength)
    {
        ObjectDisposedException.ThrowIf(_session.IsClosed, this);
        EmbeddingInput.Validate(inputIds, attentionMask, batch, sequenceLength, Info.MaxSequenceLength);
        using var output = Run(_api, _session, inputIds, attentionMask, batch, sequenceLength);
        return EmbeddingOutput.Finish(
            output.Values, output.Shape, attentionMask, batch, sequenceLength, _layout, Info.Dimension, _package.Pooling, _package.Normalize);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static void CheckSignature(OrtApi api, OrtSession session, string modelPath)
    {
        if (Array.IndexOf(session.Inputs, "input_ids") < 0)
        {
            throw new EmbedderException(EmbedderErrorKind.InvalidModel,
                $"{modelPath} has inputs [{string.Join(", ", session.Inputs)}]; an input named input_ids is required");
        }

        for (var i = 0; i < session.Inputs.Length; i++)
        {
            if (Array.IndexOf(AcceptedInputs, session.Inputs[i]) < 0)
            {
                throw new EmbedderException(EmbedderErrorKind.InvalidModel,
                    $"{modelPath}: input '{session.Inputs[i]}' is not supported (accepted: {string.Join(", ", AcceptedInputs)})");
            }

            if (session.InputElementType(api, i) != ElementInt64)
            {
                throw new EmbedderException(EmbedderErrorKind.InvalidModel,
                    $"{modelPath}: input '{session.Inputs[i]}' must be an int64 tensor [batch, seq]");
            }
        }

        if (session.Outputs.Length == 0)
        {
            throw new EmbedderException(EmbedderErrorKind.InvalidModel, $"{modelPath} has no outputs");
        }
    }

    /// <summary>The test forward pass: one sequence of two padding-id tokens, all attended.</summary>
    private static (OutputLayout Layout, int Dimension) Probe(OrtApi api, OrtSession session, ModelPackage package)
    {
        var sequence = Math.Min(2, package.MaxSequenceLength);
        var ids = new long[sequence];
        var mask = Enumerable.Repeat(1L, sequence).ToArray();
        try
        {
            using var output = Run(api, session, ids, mask, 1, sequence);
            return EmbeddingOutput.Classify(output.Shape, 1, sequence, package.Pooling);
        }
        catch (EmbedderException e) when (e.Kind == EmbedderErrorKind.InferenceFailed)
        {
            throw new EmbedderException(EmbedderErrorKind.InvalidModel, $"{package.ModelPath}: the test forward pass at load failed. {e.Message}", e);
        }
    }

    /// <summary>One OrtApi::Run over caller buffers; the caller disposes the returned output.</summary>
    internal static OrtTensor Run(
        OrtApi api, OrtSession session, ReadOnlySpan<long> inputIds, ReadOnlySpan<long> attentionMask, int batch, int sequenceLength)
    {
        var inputCount = session.Inputs.Length;
        var values = stackalloc nint[inputCount];
        var shape = stackalloc long[] { batch, sequenceLength };
        var bytes = (nuint)(inputIds.Length * sizeof(long));
        var typeIds = Array.IndexOf(session.Inputs, "token_type_ids") >= 0 ? new long[inputIds.Length] : [];
        nint output = 0;
        var added = false;
        try
        {
            session.DangerousAddRef(ref added);
            fixed (long* ids = inputIds)
            fixed (long* mask = attentionMask)
            fixed (long* types = typeIds)
            {
                for (var i = 0; i < inputCount; i++)
                {
                    var data = session.Inputs[i] switch
                    {
                        "input_ids" => ids,
                        "attention_mask" => mask,
                        _ => types,
                    };
                    api.Check(
                        api.CreateTensorWithDataAsOrtValue(OrtSession.CpuMemory, data, bytes, shape, 2, ElementInt64, &values[i]),
                        EmbedderErrorKind.Internal, "creating an input tensor");
                }

                var handle = session.DangerousGetHandle();
                api.Check(
                    api.Run(handle, 0, session.InputNames, values, (nuint)inputCount, session.OutputNames, 1, &output),
                    EmbedderErrorKind.InferenceFailed, "ONNX Runtime run failed");
            }

            var tensor = ReadOutput(api, output);
            output = 0;
            return tensor;
        }
        finally
        {
            for (var i = 0; i < inputCount; i++)
            {
                api.ReleaseValue(values[i]);
            }

            api.ReleaseValue(output);
            if (added)
            {
                session.DangerousRelease();
            }
        }
    }

    /// <summary>Wraps a run's output value; on failure the caller releases it.</summary>
    private static OrtTensor ReadOutput(OrtApi api, nint output)
    {
        nint info;
        api.Check(api.GetTensorTypeAndShape(output, &info), EmbedderErrorKind.UnsupportedOutput, "the model's first output is not a tensor");
        long[] dims;
        int type;
        try
        {
            nuint rank;
            api.Check(api.GetTensorElementType(info, &type), EmbedderErrorKind.Internal, "reading the output type");
            api.Check(api.GetDimensionsCount(info, &rank), EmbedderErrorKind.Internal, "reading the output shape");
            dims = new long[(int)rank];
            fixed (long* d = dims)
            {
                api.Check(api.GetDimensions(info, d, rank), EmbedderErrorKind.Internal, "reading the output shape");
            }
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }

        if (type != ElementFloat)
        {
            throw EmbedderException.UnsupportedOutput($"the model's first output has element type {type}; float32 (1) is required");
        }

        long count = 1;
        foreach (var d in dims)
        {
            count *= d;
        }

        void* data;
        api.Check(api.GetTensorMutableData(output, &data), EmbedderErrorKind.Internal, "reading the output");
        return new OrtTensor(api, output, (float*)data, checked((int)count), dims);
    }

    /// <summary>A run's float32 output, owned by ONNX Runtime until Dispose releases the OrtValue.</summary>
    internal readonly struct OrtTensor(OrtApi api, nint value, float* data, int count, long[] shape) : IDisposable
    {
        public long[] Shape { get; } = shape;

        public ReadOnlySpan<float> Values => new(data, count);

        public void Dispose() => api.ReleaseValue(value);
    }
}
