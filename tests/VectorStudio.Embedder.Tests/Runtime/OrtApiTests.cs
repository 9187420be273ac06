// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>
/// The hand-bound function table against the real library: a wrong index would call the wrong function,
/// so the status functions (slots 0, 1, 2, 93) are exercised directly; the backend tests cover the rest
/// end to end (a wrong slot there fails or returns garbage vectors).
/// </summary>
public sealed unsafe class OrtApiTests
{
    [OnnxFact]
    public void Shared_Should_BindOnnxRuntime130_When_TheLibraryIsInstalled()
    {
        Assert.StartsWith("1.30.", OrtApi.Shared.Version, StringComparison.Ordinal);
    }

    [OnnxFact]
    public void StatusFunctions_Should_RoundTripCodeAndMessage_When_CalledThroughTheTable()
    {
        var api = OrtApi.Shared;
        var message = "vector studio status check\0"u8;
        nint status;
        fixed (byte* m = message)
        {
            status = api.CreateStatus(7, m); // ORT_INVALID_PROTOBUF
        }

        Assert.NotEqual(0, status);
        Assert.Equal(7, api.GetErrorCode(status));
        Assert.Equal("vector studio status check", Marshal.PtrToStringUTF8((nint)api.GetErrorMessage(status)));
        api.ReleaseStatus(status);
    }

    [OnnxFact]
    public void Check_Should_ThrowWithOrtsCodeName_When_TheStatusIsAnError()
    {
        var api = OrtApi.Shared;
        var message = "boom\0"u8;
        nint status;
        fixed (byte* m = message)
        {
            status = api.CreateStatus(3, m); // ORT_NO_SUCHFILE
        }

        var e = Assert.Throws<EmbedderException>(() => api.Check(status, EmbedderErrorKind.Io, "opening"));
        Assert.Equal(EmbedderErrorKind.Io, e.Kind);
        Assert.Equal("opening: boom (ONNX Runtime error ORT_NO_SUCHFILE)", e.Message);
    }
}
