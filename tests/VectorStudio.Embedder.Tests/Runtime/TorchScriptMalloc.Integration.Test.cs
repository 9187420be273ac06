// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>
/// The malloc tuning at work: once warm, a forward reuses the heap pages of the previous one instead of
/// faulting fresh ones in. Counted on the calling thread (/proc/thread-self/stat), where a one-thread
/// forward allocates and touches its buffers, so parallel tests in other threads do not disturb the count.
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class TorchScriptMallocTests(ModelFixture models)
{
    [TorchFact]
    public void Embed_Should_ReuseHeapPages_When_CalledAgainWithTheSameShape()
    {
        using var backend = EmbeddingBackends.Load(
            models.PathOf("tokens-torchscript"), new EmbeddingBackendOptions { Device = "cpu", IntraOpThreads = 1 });
        Assert.True(NativeLibraries.MallocTuned, "the test process runs with glibc and no MALLOC_* settings, so the tuning applies");
        const int Batch = 8;
        const int Sequence = 128;
        var ids = Enumerable.Range(0, Batch * Sequence).Select(i => 5L + (i % 900)).ToArray();
        var mask = Enumerable.Repeat(1L, ids.Length).ToArray();
        for (var i = 0; i < 3; i++)
        {
            backend.Embed(ids, mask, Batch, Sequence);
        }

        const int Calls = 5;
        var before = ThreadMinorFaults();
        for (var i = 0; i < Calls; i++)
        {
            backend.Embed(ids, mask, Batch, Sequence);
        }

        var perCall = (ThreadMinorFaults() - before) / (double)Calls;
        // Measured with the fixture model (hidden 128) at 8 × 128: about 2,500 faults per forward with glibc's
        // defaults (the 2 MiB FFN buffers are mapped and unmapped, the heap top trimmed), about 50 tuned.
        // 500 sits far from both, so a managed allocation or a JIT stub page on this thread cannot flip it.
        Assert.True(perCall < 500, $"{perCall:F0} minor page faults per warm forward (tuned glibc malloc should reuse pages)");
    }

    /// <summary>minflt, field 10 of /proc/thread-self/stat (after the parenthesised command name).</summary>
    private static long ThreadMinorFaults()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
