// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// ONNX Runtime's C API, bound without a managed package: <c>OrtGetApiBase()->GetApi(ORT_API_VERSION)</c> returns
/// the <c>OrtApi</c> struct, a table of function pointers that only ever grows at its end, so each function
/// sits at a fixed index. The indices below are the member order of <c>struct OrtApi</c> in
/// onnxruntime_c_api.h (counted from its first member, CreateStatus = 0); every one used here dates from API
/// version 1–2 and keeps its slot in later versions. OrtApiTests checks the binding against the library.
/// </summary>
internal sealed unsafe class OrtApi
{
    /// <summary>ORT_API_VERSION of the onnxruntime-node 1.30.0 library that scripts/build-native.sh installs.</summary>
    public const uint ApiVersion = 30;

    // Indices into struct OrtApi (onnxruntime_c_api.h).
    private const int CreateStatusIndex = 0;
    private const int GetErrorCodeIndex = 1;
    private const int GetErrorMessageIndex = 2;
    private const int CreateEnvIndex = 3;
    private const int CreateSessionIndex = 7;
    private const int RunIndex = 9;
    private const int CreateSessionOptionsIndex = 10;
    private const int SetOptimizedModelFilePathIndex = 11;
    private const int EnableProfilingIndex = 14;
    private const int DisableMemPatternIndex = 17;
    private const int DisableCpuMemArenaIndex = 19;
    private const int SetSessionGraphOptimizationLevelIndex = 23;
    private const int SetIntraOpNumThreadsIndex = 24;
    private const int SetInterOpNumThreadsIndex = 25;
    private const int SessionGetInputCountIndex = 30;
    private const int SessionGetOutputCountIndex = 31;
    private const int SessionGetInputTypeInfoIndex = 33;
    private const int SessionGetInputNameIndex = 36;
    private const int SessionGetOutputNameIndex = 37;
    private const int CreateTensorWithDataAsOrtValueIndex = 49;
    private const int GetTensorMutableDataIndex = 51;
    private const int CastTypeInfoToTensorInfoIndex = 55;
    private const int GetTensorElementTypeIndex = 60;
    private const int GetDimensionsCountIndex = 61;
    private const int GetDimensionsIndex = 62;
    private const int GetTensorTypeAndShapeIndex = 65;
    private const int CreateCpuMemoryInfoIndex = 69;
    private const int AllocatorFreeIndex = 76;
    private const int GetAllocatorWithDefaultOptionsIndex = 78;
    private const int ReleaseEnvIndex = 92;
    private const int ReleaseStatusIndex = 93;
    private const int ReleaseMemoryInfoIndex = 94;
    private const int ReleaseSessionIndex = 95;
    private const int ReleaseValueIndex = 96;
    private const int ReleaseTypeInfoIndex = 98;
    private const int ReleaseTensorTypeAndShapeInfoIndex = 99;
    private const int ReleaseSessionOptionsIndex = 100;
    private const int SessionEndProfilingIndex = 110;
    private const int AddFreeDimensionOverrideByNameIndex = 124;
    private const int AddSessionConfigEntryIndex = 130;

    private static readonly Lock Gate = new();
    private static OrtApi? SharedInstance;

    private OrtApi(void** table, string version)
    {
        Version = version;
        CreateStatus = (delegate* unmanaged<int, byte*, nint>)table[CreateStatusIndex];
        GetErrorCode = (delegate* unmanaged<nint, int>)table[GetErrorCodeIndex];
        GetErrorMessage = (delegate* unmanaged<nint, byte*>)table[GetErrorMessageIndex];
        CreateEnv = (delegate* unmanaged<int, byte*, nint*, nint>)table[CreateEnvIndex];
        CreateSession = (delegate* unmanaged<nint, byte*, nint, nint*, nint>)table[CreateSessionIndex];
        Run = (delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)table[RunIndex];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)table[CreateSessionOptionsIndex];
        SetOptimizedModelFilePath = (delegate* unmanaged<nint, byte*, nint>)table[SetOptimizedModelFilePathIndex];
        EnableProfiling = (delegate* unmanaged<nint, byte*, nint>)table[EnableProfilingIndex];
        DisableMemPattern = (delegate* unmanaged<nint, nint>)table[DisableMemPatternIndex];
        DisableCpuMemArena = (delegate* unmanaged<nint, nint>)table[DisableCpuMemArenaIndex];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, int, nint>)table[SetSessionGraphOptimizationLevelIndex];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)table[SetIntraOpNumThreadsIndex];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)table[SetInterOpNumThreadsIndex];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)table[SessionGetInputCountIndex];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)table[SessionGetOutputCountIndex];
        SessionGetInputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)table[SessionGetInputTypeInfoIndex];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)table[SessionGetInputNameIndex];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)table[SessionGetOutputNameIndex];
        CreateTensorWithDataAsOrtValue =
            (delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)table[CreateTensorWithDataAsOrtValueIndex];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)table[GetTensorMutableDataIndex];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<nint, nint*, nint>)table[CastTypeInfoToTensorInfoIndex];
        GetTensorElementType = (delegate* unmanaged<nint, int*, nint>)table[GetTensorElementTypeIndex];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)table[GetDimensionsCountIndex];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)table[GetDimensionsIndex];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)table[GetTensorTypeAndShapeIndex];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, nint*, nint>)table[CreateCpuMemoryInfoIndex];
        AllocatorFree = (delegate* unmanaged<nint, void*, nint>)table[AllocatorFreeIndex];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)table[GetAllocatorWithDefaultOptionsIndex];
        ReleaseEnv = (delegate* unmanaged<nint, void>)table[ReleaseEnvIndex];
        ReleaseStatus = (delegate* unmanaged<nint, void>)table[ReleaseStatusIndex];
        ReleaseMemoryInfo = (delegate* unmanaged<nint, void>)table[ReleaseMemoryInfoIndex];
        ReleaseSession = (delegate* unmanaged<nint, void>)table[ReleaseSessionIndex];
        ReleaseValue = (delegate* unmanaged<nint, void>)table[ReleaseValueIndex];
        ReleaseTypeInfo = (delegate* unmanaged<nint, void>)table[ReleaseTypeInfoIndex];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)table[ReleaseTensorTypeAndShapeInfoIndex];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)table[ReleaseSessionOptionsIndex];
        SessionEndProfiling = (delegate* unmanaged<nint, nint, byte**, nint>)table[SessionEndProfilingIndex];
        AddFreeDimensionOverrideByName = (delegate* unmanaged<nint, byte*, long, nint>)table[AddFreeDimensionOverrideByNameIndex];
        AddSessionConfigEntry = (delegate* unmanaged<nint, byte*, byte*, nint>)table[AddSessionConfigEntryIndex];
    }

    /// <summary>The library's version string (OrtApiBase::GetVersionString), e.g. "1.30.0".</summary>
    public string Version { get; }

    public delegate* unmanaged<int, byte*, nint> CreateStatus { get; }

    public delegate* unmanaged<nint, int> GetErrorCode { get; }

    public delegate* unmanaged<nint, byte*> GetErrorMessage { get; }

    public delegate* unmanaged<int, byte*, nint*, nint> CreateEnv { get; }

    public delegate* unmanaged<nint, byte*, nint, nint*, nint> CreateSession { get; }

    public delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint> Run { get; }

    public delegate* unmanaged<nint*, nint> CreateSessionOptions { get; }

    public delegate* unmanaged<nint, byte*, nint> SetOptimizedModelFilePath { get; }

    public delegate* unmanaged<nint, byte*, nint> EnableProfiling { get; }

    public delegate* unmanaged<nint, nint> DisableMemPattern { get; }

    public delegate* unmanaged<nint, nint> DisableCpuMemArena { get; }

    public delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel { get; }

    public delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads { get; }

    public delegate* unmanaged<nint, int, nint> SetInterOpNumThreads { get; }

    public delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount { get; }

    public delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount { get; }

    public delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo { get; }

    public delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetInputName { get; }

    public delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetOutputName { get; }

    public delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue { get; }

    public delegate* unmanaged<nint, void**, nint> GetTensorMutableData { get; }

    public delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo { get; }

    public delegate* unmanaged<nint, int*, nint> GetTensorElementType { get; }

    public delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount { get; }

    public delegate* unmanaged<nint, long*, nuint, nint> GetDimensions { get; }

    public delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape { get; }

    public delegate* unmanaged<int, int, nint*, nint> CreateCpuMemoryInfo { get; }

    public delegate* unmanaged<nint, void*, nint> AllocatorFree { get; }

    public delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions { get; }

    public delegate* unmanaged<nint, void> ReleaseEnv { get; }

    public delegate* unmanaged<nint, void> ReleaseStatus { get; }

    public delegate* unmanaged<nint, void> ReleaseMemoryInfo { get; }

    public delegate* unmanaged<nint, void> ReleaseSession { get; }

    public delegate* unmanaged<nint, void> ReleaseValue { get; }

    public delegate* unmanaged<nint, void> ReleaseTypeInfo { get; }

    public delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo { get; }

    public delegate* unmanaged<nint, void> ReleaseSessionOptions { get; }

    public delegate* unmanaged<nint, nint, byte**, nint> SessionEndProfiling { get; }

    public delegate* unmanaged<nint, byte*, long, nint> AddFreeDimensionOverrideByName { get; }

    public delegate* unmanaged<nint, byte*, byte*, nint> AddSessionConfigEntry { get; }

    /// <summary>The process-wide binding: loads libonnxruntime.so.1 and its API table once.</summary>
    public static OrtApi Shared
    {
        get
        {
            lock (Gate)
            {
                return SharedInstance ??= Bind();
            }
        }
    }

    /// <summary>Throws for a non-null OrtStatus (and releases it): ORT's error code and message, under <paramref name="kind"/>.</summary>
    public void Check(nint status, EmbedderErrorKind kind, string context)
    {
        if (status == 0)
        {
            return;
        }

        var code = GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? "";
        ReleaseStatus(status);
        throw new EmbedderException(kind, $"{context}: {message} (ONNX Runtime error {ErrorName(code)})");
    }

    internal static string ErrorName(int code) => code switch
    {
        0 => "ORT_OK",
        1 => "ORT_FAIL",
        2 => "ORT_INVALID_ARGUMENT",
        3 => "ORT_NO_SUCHFILE",
        4 => "ORT_NO_MODEL",
        5 => "ORT_ENGINE_ERROR",
        6 => "ORT_RUNTIME_EXCEPTION",
        7 => "ORT_INVALID_PROTOBUF",
        8 => "ORT_MODEL_LOADED",
        9 => "ORT_NOT_IMPLEMENTED",
        10 => "ORT_INVALID_GRAPH",
        11 => "ORT_EP_FAIL",
        _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static OrtApi Bind()
    {
        var path = NativeLibraries.Require(NativeLibraries.OnnxRuntimeFile, "ONNX Runtime's C API");
        var library = NativeLibrary.Load(path);
        var getApiBase = (delegate* unmanaged<void**>)NativeLibrary.GetExport(library, "OrtGetApiBase");
        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var apiBase = getApiBase();
        var getApi = (delegate* unmanaged<uint, void**>)apiBase[0];
        var getVersion = (delegate* unmanaged<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "?";
        var table = getApi(ApiVersion);
        if (table == null)
        {
            throw new EmbedderException(
                EmbedderErrorKind.NativeLibraryMissing,
                $"{path} (ONNX Runtime {version}) does not provide API version {ApiVersion}; install 1.30 with scripts/build-native.sh");
        }

        return new OrtApi(table, version);
    }
}
