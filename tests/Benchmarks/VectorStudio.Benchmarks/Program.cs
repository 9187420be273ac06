// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using BenchmarkDotNet.Running;
using VectorStudio.Benchmarks.Grpc;

namespace VectorStudio.Benchmarks;

/// <summary>
/// BenchmarkDotNet suites, picked with the usual switches (e.g. <c>--filter *Distance*</c>).
/// Load generators that BenchmarkDotNet cannot express (calls in flight over a socket) are
/// separate commands: see docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["exact", .. var exactArgs])
        {
            return Exact.ExactCommand.Run(exactArgs);
        }

        if (args is ["search-load", .. var searchArgs])
        {
            return await Search.SearchLoadCommand.RunAsync(searchArgs).ConfigureAwait(false);
        }

        if (args is ["embedder", .. var embedderArgs])
        {
            return Embedder.EmbedderCommand.Run(embedderArgs);
        }

        if (args is ["embedder-breakdown", .. var breakdownArgs])
        {
            return Embedder.EmbedderBreakdownCommand.Run(breakdownArgs);
        }

        if (args is ["embedder-prepack", .. var prepackArgs])
        {
            return Embedder.PrepackCompareCommand.Run(prepackArgs);
        }

        if (args is ["embedder-ort-ab", .. var abArgs])
        {
            return Embedder.EmbedderOrtAbCommand.Run(abArgs);
        }

        if (args is ["embed-load", .. var embedLoadArgs])
        {
            return await Embedder.BatchingLoadCommand.RunAsync(embedLoadArgs).ConfigureAwait(false);
        }

        if (args is ["hnsw", .. var hnswArgs])
        {
            return Hnsw.HnswCommand.Run(hnswArgs);
        }

        if (args is ["durable-ingest", .. var ingestArgs])
        {
            return await Durability.DurableIngestCommand.RunAsync(ingestArgs).ConfigureAwait(false);
        }

        if (args is ["grpc-load", .. var loadArgs])
        {
            return await GrpcLoadCommand.RunAsync(loadArgs).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
