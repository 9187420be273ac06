// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace VectorStudio.Kube.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that another task makes true (a watch loop, a worker). It polls; it is
/// not a sleep standing in for synchronisation: the test fails, naming what it waited for, if the
/// condition is not met within the timeout, which is generous (30 s) because the CI machine has
/// two cores shared with other builds and a condition that holds at all holds within milliseconds.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Timeout)
            {
                Assert.Fail($"timed out after {Timeout.TotalSeconds} s waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }
}
