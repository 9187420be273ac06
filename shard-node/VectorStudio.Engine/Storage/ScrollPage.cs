// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Storage;

/// <summary>
/// One page of a scroll, in id order. <see cref="NextAfter"/> is the id to continue after, or null when
/// no further point matches.
/// </summary>
public sealed record ScrollPage(IReadOnlyList<RetrievedPoint> Points, PointId? NextAfter);
