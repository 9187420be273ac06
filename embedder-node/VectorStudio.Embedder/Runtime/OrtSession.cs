// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Text;

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// An ONNX Runtime session with its input/output names as native UTF-8 strings (what OrtApi::Run takes).
/// As a SafeHandle, a call holding a reference keeps it alive past Dispose until the call returns.
/// </summary>
internal sealed unsafe class OrtSession : SafeHandle
{
    private static readonly Lock Gate = new();
    private static nint EnvHandle;
    private static nint CpuMemoryHandle;

    private OrtSession(nint session, string[] inputs, string[] outputs)
        : base(0, ownsHandle: true)
    {
        SetHandle(session);
        Inputs = inputs;
        Outputs = outputs;
        InputNames = Utf8Array(inputs);
        OutputNames = Utf8Array(outputs);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The model's input names in session order.</summary>
    public string[] Inputs { get; }

    /// <summary>The model's output names in session order.</summary>
    public string[] Outputs { get; }

    public byte** InputNames { get; }

    public byte** OutputNames { get; }

    /// <summary>The process-wide CPU memory description for tensors over caller buffers.</summary>
    public static nint CpuMemory
    {
        get
        {
            EnsureEnvironment(OrtApi.Shared);
            return CpuMemoryHandle;
        }
    }

    /// <summary>Opens a session on <paramref name="modelPath"/> with the given intra-op threads (0 = ORT's default).</summary>
    public static OrtSession Open(OrtApi api, string modelPath, int intraOpThreads)
    {
        var env = EnsureEnvironment(api);
        nint options;
        api.Check(api.CreateSessionOptions(&options), EmbedderErrorKind.Internal, "creating session options");
        nint session = 0;
        try
        {
            const int EnableAll = 99; // GraphOptimizationLevel ORT_ENABLE_ALL, onnxruntime-node's default too
            api.Check(api.SetSessionGraphOptimizationLevel(options, EnableAll), EmbedderErrorKind.Internal, "setting graph optimisation");
            if (intraOpThreads > 0)
            {
                api.Check(api.SetIntraOpNumThreads(options, intraOpThreads), EmbedderErrorKind.InvalidInput, "setting intra-op threads");
            }

            var path = Encoding.UTF8.GetBytes(modelPath + "\0");
            fixed (byte* p = path)
            {
                api.Check(api.CreateSession(env, p, options, &session), EmbedderErrorKind.InvalidModel, $"not a loadable ONNX model: {modelPath}");
            }
        }
        finally
        {
            api.ReleaseSessionOptions(options);
        }

        try
        {
            return new OrtSession(session, Names(api, session, input: true), Names(api, session, input: false));
        }
        catch
        {
            api.ReleaseSession(session);
            throw;
        }
    }

    /// <summary>The element type (ONNXTensorElementDataType) of input <paramref name="index"/>; -1 when it is not a tensor.</summary>
    public int InputElementType(OrtApi api, int index)
    {
        nint typeInfo;
        api.Check(api.SessionGetInputTypeInfo(handle, (nuint)index, &typeInfo), EmbedderErrorKind.InvalidModel, "reading input types");
        try
        {
            nint tensorInfo;
            api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), EmbedderErrorKind.InvalidModel, "reading input types");
            if (tensorInfo == 0)
            {
                return -1;
            }

            int type;
            api.Check(api.GetTensorElementType(tensorInfo, &type), EmbedderErrorKind.InvalidModel, "reading input types");
            return type;
        }
        finally
        {
            api.ReleaseTypeInfo(typeInfo);
        }
    }

    protected override bool ReleaseHandle()
    {
        OrtApi.Shared.ReleaseSession(handle);
        FreeUtf8Array(InputNames, Inputs.Length);
        FreeUtf8Array(OutputNames, Outputs.Length);
        return true;
    }

    /// <summary>One OrtEnv per process (ONNX Runtime's rule), kept for the process lifetime; logs errors only.</summary>
    private static nint EnsureEnvironment(OrtApi api)
    {
        lock (Gate)
        {
            if (EnvHandle != 0)
            {
                return EnvHandle;
            }

            const int LogLevelError = 3;
            nint env;
            nint memory;
            var logId = "vectorstudio-embedder\0"u8;
            fixed (byte* id = logId)
            {
                api.Check(api.CreateEnv(LogLevelError, id, &env), EmbedderErrorKind.Internal, "creating the ONNX Runtime environment");
            }

            // OrtDeviceAllocator (0), OrtMemTypeDefault (0): plain CPU memory owned by the caller.
            api.Check(api.CreateCpuMemoryInfo(0, 0, &memory), EmbedderErrorKind.Internal, "creating CPU memory info");
            CpuMemoryHandle = memory;
            EnvHandle = env;
            return env;
        }
    }

    private static string[] Names(OrtApi api, nint session, bool input)
    {
        nuint count;
        api.Check((input ? api.SessionGetInputCount : api.SessionGetOutputCount)(session, &count), EmbedderErrorKind.InvalidModel, "reading the model's inputs and outputs");
        nint allocator;
        api.Check(api.GetAllocatorWithDefaultOptions(&allocator), EmbedderErrorKind.Internal, "getting the default allocator");
        var names = new string[(int)count];
        for (var i = 0; i < names.Length; i++)
        {
            byte* name;
            api.Check((input ? api.SessionGetInputName : api.SessionGetOutputName)(session, (nuint)i, allocator, &name), EmbedderErrorKind.InvalidModel, "reading names");
            names[i] = Marshal.PtrToStringUTF8((nint)name) ?? "";
            api.Check(api.AllocatorFree(allocator, name), EmbedderErrorKind.Internal, "freeing a name");
        }

        return names;
    }

    private static byte** Utf8Array(string[] names)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)Math.Max(names.Length, 1), (nuint)sizeof(nint));
        for (var i = 0; i < names.Length; i++)
        {
            array[i] = (byte*)Marshal.StringToCoTaskMemUTF8(names[i]);
        }

        return array;
    }

    private static void FreeUtf8Array(byte** array, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Marshal.FreeCoTaskMem((nint)array[i]);
        }

        NativeMemory.Free(array);
    }
}
