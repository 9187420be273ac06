// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.ShardNode.Tests;

/// <summary>A fact that needs <see cref="SmallFilesystem"/>; reported as skipped, with the reason, where it cannot mount.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SmallFilesystemFactAttribute : FactAttribute
{
    public SmallFilesystemFactAttribute()
    {
        if (SmallFilesystem.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
