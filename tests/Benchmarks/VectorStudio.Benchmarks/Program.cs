// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using BenchmarkDotNet.Running;

namespace VectorStudio.Benchmarks;

/// <summary>
/// BenchmarkDotNet suites, picked with the usual switches (e.g. <c>--filter *Distance*</c>).
/// Load generators that BenchmarkDotNet cannot express (calls in flight over a socket) are
/// separate commands: see docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["exact", .. var exactArgs])
        {
            return Exact.ExactCommand.Run(exactArgs);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
