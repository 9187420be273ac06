// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Wal;

/// <summary>A collection's fsync policy (docs/storage.md, "Fsync policies").</summary>
/// <param name="Mode">Always (group commit) or Interval.</param>
/// <param name="IntervalMs">For Interval: the longest time, in ms, a written record waits for its fsync; 1..10,000.</param>
public sealed record DurabilityOptions(FsyncMode Mode, int IntervalMs)
{
    public const int DefaultIntervalMs = 100;
    public const int MaxIntervalMs = 10_000;

    /// <summary>
    /// The default: Always. Acknowledged means kept, even through a power loss; group commit keeps the cost
    /// low when many clients write at once. Interval is an explicit opt-in to a loss window.
    /// </summary>
    public static DurabilityOptions Default { get; } = new(FsyncMode.Always, DefaultIntervalMs);

    /// <summary>Throws InvalidArgument for an unknown mode or an interval out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw EngineException.InvalidArgument($"fsync mode {(int)Mode} is unknown; accepted: Always, Interval");
        }

        if (IntervalMs is < 1 or > MaxIntervalMs)
        {
            throw EngineException.InvalidArgument(
                $"fsync interval is {IntervalMs} ms; accepted: 1..{MaxIntervalMs}");
        }
    }
}
