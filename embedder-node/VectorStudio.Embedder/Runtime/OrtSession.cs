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
    public static OrtSession Open(OrtApi api, string modelPath, int intraOpThreads) =>
        Open(api, modelPath, new OrtSessionSettings { IntraOpThreads = intraOpThreads });

    /// <summary>Opens a session on <paramref name="modelPath"/> configured by <paramref name="settings"/>.</summary>
    public static OrtSession Open(OrtApi api, string modelPath, OrtSessionSettings settings)
    {
        var env = EnsureEnvironment(api);
        nint options;
        api.Check(api.CreateSessionOptions(&options), EmbedderErrorKind.Internal, "creating session options");
        nint session = 0;
        try
        {
            Configure(api, options, settings);
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

    /// <summary>Ends profiling and returns the profile file's path (null when profiling was off).</summary>
    public string? EndProfiling(OrtApi api)
    {
        nint allocator;
        api.Check(api.GetAllocatorWithDefaultOptions(&allocator), EmbedderErrorKind.Internal, "getting the default allocator");
        byte* name = null;
        api.Check(api.SessionEndProfiling(handle, allocator, &name), EmbedderErrorKind.Internal, "ending profiling");
        if (name == null)
        {
            return null;
        }

        var path = Marshal.PtrToStringUTF8((nint)name);
        api.Check(api.AllocatorFree(allocator, name), EmbedderErrorKind.Internal, "freeing a name");
        return string.IsNullOrEmpty(path) ? null : path;
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

    private static void Configure(OrtApi api, nint options, OrtSessionSettings settings)
    {
        const int EnableAll = 99; // GraphOptimizationLevel ORT_ENABLE_ALL, onnxruntime-node's default too
        api.Check(api.SetSessionGraphOptimizationLevel(options, EnableAll), EmbedderErrorKind.Internal, "setting graph optimisation");
        if (settings.IntraOpThreads > 0)
        {
            api.Check(api.SetIntraOpNumThreads(options, settings.IntraOpThreads), EmbedderErrorKind.InvalidInput, "setting intra-op threads");
        }

        if (!settings.MemoryPattern)
        {
            api.Check(api.DisableMemPattern(options), EmbedderErrorKind.Internal, "disabling the memory pattern");
        }

        if (!settings.CpuArena)
        {
            api.Check(api.DisableCpuMemArena(options), EmbedderErrorKind.Internal, "disabling the CPU arena");
        }

        foreach (var (key, value) in settings.ConfigEntries)
        {
            fixed (byte* k = Utf8(key))
            fixed (byte* v = Utf8(value))
            {
                api.Check(api.AddSessionConfigEntry(options, k, v), EmbedderErrorKind.InvalidInput, $"session config entry {key}={value}");
            }
        }

        foreach (var (name, value) in settings.FreeDimensions)
        {
            fixed (byte* n = Utf8(name))
            {
                api.Check(api.AddFreeDimensionOverrideByName(options, n, value), EmbedderErrorKind.InvalidInput, $"fixing dimension {name}={value}");
            }
        }

        if (settings.OptimizedModelPath is { } optimized)
        {
            fixed (byte* o = Utf8(optimized))
            {
                api.Check(api.SetOptimizedModelFilePath(options, o), EmbedderErrorKind.Internal, "setting the optimised model path");
            }
        }

        if (settings.ProfilePrefix is { } prefix)
        {
            fixed (byte* o = Utf8(prefix))
            {
                api.Check(api.EnableProfiling(options, o), EmbedderErrorKind.Internal, "enabling profiling");
            }
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");

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
