// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>
/// The device decision as a pure function, so the CUDA branches are covered on machines without a GPU
/// (the GPU path itself is not run here).
/// </summary>
public sealed class DeviceSelectionTests
{
    [Theory]
    [InlineData("auto", false, 0, "cpu", false)]
    [InlineData("auto", true, 2, "cuda:0", true)]
    [InlineData("cpu", true, 2, "cpu", false)]
    [InlineData("cuda", false, 1, "cuda:0", false)]
    [InlineData(" CUDA:1 ", true, 2, "cuda:1", true)]
    [InlineData("cuda:1", true, 0, "cpu", false)]
    public void Choose_Should_PickDeviceAndPrecision_When_GivenWhatIsPresent(string requested, bool fp16, int devices, string device, bool half)
    {
        var choice = DeviceSelection.Choose(requested, fp16, devices, "LibTorch");
        Assert.Equal((device, half), (choice.Device, choice.Fp16));
    }

    [Fact]
    public void Choose_Should_ExplainTheFallback_When_CudaIsAbsent()
    {
        var choice = DeviceSelection.Choose("cuda:0", fp16: true, cudaDevices: 0, "LibTorch");
        Assert.Equal("fp32", choice.Precision);
        Assert.Equal(2, choice.Notes.Count);
        Assert.Contains("falling back to CPU", choice.Notes[0], StringComparison.Ordinal);
        Assert.Contains("fp16 needs a GPU", choice.Notes[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_Should_Fail_When_TheDeviceIsMalformedOrOutOfRange()
    {
        Assert.Equal(EmbedderErrorKind.InvalidInput, Assert.Throws<EmbedderException>(() => DeviceSelection.Choose("gpu", false, 1, "x")).Kind);
        Assert.Equal(EmbedderErrorKind.InvalidInput, Assert.Throws<EmbedderException>(() => DeviceSelection.Choose("cuda:-1", false, 1, "x")).Kind);
        var e = Assert.Throws<EmbedderException>(() => DeviceSelection.Choose("cuda:2", false, 2, "x"));
        Assert.Equal(EmbedderErrorKind.DeviceUnavailable, e.Kind);
        Assert.Contains("cuda:0 to cuda:1", e.Message, StringComparison.Ordinal);
    }
}
