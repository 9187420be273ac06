// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using VectorStudio.Rpc.Client;
using VectorStudio.Testing.V1;

namespace VectorStudio.Benchmarks.Grpc;

/// <summary>
/// The client's per-message work without a socket: framing a request (plain and gzip) and reading
/// framed responses back out of a body stream.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(BenchmarkCategories.Grpc)]
public class MessageFramingBenchmarks
{
    private const int FramesPerBody = 100;

    private EchoRequest _request = null!;
    private byte[] _body = [];

    [Params(64, 4096)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var payload = new byte[PayloadSize];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i % 251);
        }

        _request = new EchoRequest { Payload = ByteString.CopyFrom(payload), Text = "bench" };
        using var body = new MemoryStream();
        var frame = MessageFraming.Frame(new EchoResponse { Payload = _request.Payload }, compress: false, null);
        for (var i = 0; i < FramesPerBody; i++)
        {
            body.Write(frame);
        }

        _body = body.ToArray();
    }

    [Benchmark]
    public byte[] FrameRequest() => MessageFraming.Frame(_request, compress: false, maxSendMessageSize: null);

    [Benchmark]
    public byte[] FrameRequestGzip() => MessageFraming.Frame(_request, compress: true, maxSendMessageSize: null);

    /// <summary>Reads and parses <see cref="FramesPerBody"/> response messages from one body.</summary>
    [Benchmark(OperationsPerInvoke = FramesPerBody)]
    public async Task<long> ReadResponses()
    {
        var reader = new MessageFrameReader(new MemoryStream(_body, writable: false), int.MaxValue);
        long total = 0;
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            total += EchoResponse.Parser.ParseFrom(reader.Message.Span).Payload.Length;
        }

        reader.Release();
        return total;
    }
}
