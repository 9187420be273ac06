// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Benchmarks.Wal;

/// <summary>
/// One upsert record of 100 × 128-d points (in a pooled buffer): encoding with its CRC32C alone, and
/// appended to a real log in a temp directory until durable under each fsync mode (Always = one fsync
/// per record when a single writer runs; Interval = no wait).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(BenchmarkCategories.Wal)]
public class WalAppendBenchmarks
{
    private PointStruct[] _points = [];
    private string _directory = string.Empty;
    private WriteAheadLog? _log;
    private DurabilityOptions _durability = DurabilityOptions.Default;

    [Params(FsyncMode.Interval, FsyncMode.Always)]
    public FsyncMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(5);
        _points = Enumerable.Range(0, 100)
            .Select(i => new PointStruct(PointId.FromNumber((ulong)i), Enumerable.Range(0, 128).Select(_ => (float)rng.NextDouble()).ToArray()))
            .ToArray();
        _directory = Directory.CreateTempSubdirectory("vs-walbench-").FullName;
        _log = WriteAheadLog.Open(_directory, 1, []);
        _durability = new DurabilityOptions(Mode, 100);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _log?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int EncodeAndSeal()
    {
        var record = WalRecordCodec.EncodeUpsert("bench", 128, _points);
        WalRecordCodec.Seal(record.WrittenSpan, 1);
        var length = record.Length;
        record.Return();
        return length;
    }

    [Benchmark]
    public Task AppendUntilDurable()
    {
        // As the collection does: the pooled record buffer goes back once appended.
        var record = WalRecordCodec.EncodeUpsert("bench", 128, _points);
        var lsn = _log!.Append(record);
        record.Return();
        return _log.WaitDurableAsync(lsn, _durability);
    }
}
