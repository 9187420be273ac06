// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace VectorStudio.Operator.Tests.Infrastructure;

/// <summary>
/// Polls for a condition another task (the operator's watch loops and workers) makes true; it is
/// not a sleep standing in for synchronisation. The 60 s deadline is generous because CI runs on two
/// shared cores and a controller pass needs several watch round trips; a condition that holds at all
/// holds within a second or two, so only a real failure waits the whole deadline.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Timeout)
            {
                Assert.Fail($"timed out after {Timeout.TotalSeconds} s waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Timeout)
            {
                Assert.Fail($"timed out after {Timeout.TotalSeconds} s waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> read, Func<T, bool> condition, string what)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (value is not null && condition(value))
            {
                return value;
            }

            if (clock.Elapsed > Timeout)
            {
                Assert.Fail($"timed out after {Timeout.TotalSeconds} s waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }
}
