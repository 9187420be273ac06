// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Collections;

/// <summary>A collection's settings (defaults filled in) and size.</summary>
/// <param name="Config">The configuration as created, index defaults filled in.</param>
/// <param name="PointCount">Live points.</param>
/// <param name="VectorBytes">Bytes held by vectors, their norms, the live set and index structures.</param>
/// <param name="PayloadBytes">Encoded bytes of the live points' payloads.</param>
/// <param name="PayloadFields">Fields seen so far, sorted by key.</param>
public sealed record CollectionInfo(
    CollectionConfig Config,
    long PointCount,
    long VectorBytes,
    long PayloadBytes,
    IReadOnlyList<PayloadFieldInfo> PayloadFields)
{
    public string Name => Config.Name;
}
