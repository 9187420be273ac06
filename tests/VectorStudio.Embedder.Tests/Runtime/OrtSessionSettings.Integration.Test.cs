// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>
/// <see cref="OrtSessionSettings"/> against the real library: each setting must visibly change what ONNX
/// Runtime does (a fixed dimension rejects other shapes, a disabled optimizer leaves its pattern in the
/// optimised graph, profiling writes the runs), which also proves the hand-bound table slots behind them.
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class OrtSessionSettingsTests(ModelFixture models) : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("vs-ort-settings-").FullName;

    [OnnxFact]
    public void Open_Should_AcceptOnlyTheFixedLength_When_TheSequenceDimensionIsOverridden()
    {
        var api = OrtApi.Shared;
        var model = models.PathOf("pooled-onnx/model.onnx");
        using var plain = OrtSession.Open(api, model, new OrtSessionSettings { IntraOpThreads = 1 });
        using var fixedLength = OrtSession.Open(api, model, new OrtSessionSettings { IntraOpThreads = 1, FreeDimensions = [new("sequence", 4)] });
        long[] ids = [2, 17, 93, 3];
        long[] mask = [1, 1, 1, 1];

        // Same math either way; fixed shapes let ONNX Runtime fold the shape ops and fuse differently, which
        // moves float32 sums by about 1e-7 (measured 4e-7 on the 384-hidden model), far below 1e-5.
        var dynamic = Output(api, plain, ids, mask, 4);
        var specialised = Output(api, fixedLength, ids, mask, 4);
        Assert.Equal(dynamic.Length, specialised.Length);
        Assert.All(dynamic.Zip(specialised), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-5));
        var e = Assert.Throws<EmbedderException>(() => Output(api, fixedLength, [2, 17, 93, 55, 3], [1, 1, 1, 1, 1], 5));
        Assert.Equal(EmbedderErrorKind.InferenceFailed, e.Kind);
        Assert.Contains("dimensions", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [OnnxFact]
    public void Open_Should_ApplyTheConfigEntry_When_AnOptimizerIsDisabled()
    {
        var api = OrtApi.Shared;
        var model = models.PathOf("pooled-onnx/model.onnx");
        var fused = Path.Combine(_temp, "fused.onnx");
        var unfused = Path.Combine(_temp, "unfused.onnx");
        using (OrtSession.Open(api, model, new OrtSessionSettings { IntraOpThreads = 1, OptimizedModelPath = fused }))
        {
        }

        using (OrtSession.Open(api, model, new OrtSessionSettings
        {
            IntraOpThreads = 1,
            OptimizedModelPath = unfused,
            ConfigEntries = [new("optimization.disable_specified_optimizers", "BiasGeluFusion")],
        }))
        {
        }

        // ONNX Runtime fuses the exported bias Add + Erf-GELU into its BiasGelu op unless told not to.
        Assert.True(Contains(fused, "BiasGelu"), "the default session fuses BiasGelu");
        Assert.False(Contains(unfused, "BiasGelu"), "BiasGeluFusion was disabled");
        Assert.True(Contains(unfused, "Gelu"), "the GELU itself is still fused");
    }

    [OnnxFact]
    public void EndProfiling_Should_WriteOneModelRunPerCall_When_ProfilingIsEnabled()
    {
        var api = OrtApi.Shared;
        var model = models.PathOf("pooled-onnx/model.onnx");
        using var session = OrtSession.Open(api, model, new OrtSessionSettings { IntraOpThreads = 1, ProfilePrefix = Path.Combine(_temp, "profile") });
        for (var i = 0; i < 3; i++)
        {
            Output(api, session, [2, 17, 3], [1, 1, 1], 3);
        }

        var path = session.EndProfiling(api);
        Assert.NotNull(path);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var runs = json.RootElement.EnumerateArray().Count(e => e.GetProperty("name").GetString() == "model_run");
        Assert.Equal(3, runs);

        using var quiet = OrtSession.Open(api, model, 1);
        Assert.Null(quiet.EndProfiling(api));
    }

    [OnnxFact]
    public void Open_Should_GiveIdenticalOutputs_When_MemoryPatternAndArenaAreOff()
    {
        var api = OrtApi.Shared;
        var model = models.PathOf("pooled-onnx/model.onnx");
        using var plain = OrtSession.Open(api, model, 1);
        using var bare = OrtSession.Open(api, model, new OrtSessionSettings { IntraOpThreads = 1, MemoryPattern = false, CpuArena = false });
        long[] ids = [2, 17, 93, 3, 2, 44, 3, 0];
        long[] mask = [1, 1, 1, 1, 1, 1, 1, 0];

        // Only where intermediate buffers live changes, not the kernels or their order: bit-identical.
        Assert.Equal(Output(api, plain, ids, mask, 4, batch: 2), Output(api, bare, ids, mask, 4, batch: 2));
    }

    [OnnxFact]
    public void Open_Should_FailAsInvalidInput_When_AConfigKeyIsEmptyOrTooLong()
    {
        var api = OrtApi.Shared;
        var model = models.PathOf("pooled-onnx/model.onnx");
        // ONNX Runtime 1.30 accepts keys of 1 to 1024 characters (any name: unknown keys are ignored).
        foreach (var key in new[] { "", new string('k', 1025) })
        {
            var e = Assert.Throws<EmbedderException>(() => OrtSession.Open(api, model, new OrtSessionSettings { ConfigEntries = [new(key, "1")] }));
            Assert.Equal(EmbedderErrorKind.InvalidInput, e.Kind);
            Assert.Contains("session config entry", e.Message, StringComparison.Ordinal);
            Assert.Contains("Config key is empty or longer than maximum length", e.Message, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static float[] Output(OrtApi api, OrtSession session, long[] ids, long[] mask, int sequence, int batch = 1)
    {
        using var output = OnnxRuntimeBackend.Run(api, session, ids, mask, batch, sequence);
        return output.Values.ToArray();
    }

    /// <summary>Whether the serialised graph names an op type exactly (NodeProto.op_type: field 4, length-prefixed).</summary>
    private static bool Contains(string modelPath, string opType)
    {
        var bytes = File.ReadAllBytes(modelPath);
        var needle = new byte[opType.Length + 2];
        needle[0] = 0x22;
        needle[1] = (byte)opType.Length;
        Encoding.ASCII.GetBytes(opType, needle.AsSpan(2));
        return bytes.AsSpan().IndexOf(needle) >= 0;
    }
}
