// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Controllers;

/// <summary>Reasons of the Events the controller records on a VectorCluster (one per meaningful change).</summary>
public static class EventReasons
{
    /// <summary>An owned object was created.</summary>
    public const string Created = "Created";

    /// <summary>An owned object's spec changed (image, resources, configuration).</summary>
    public const string Updated = "Updated";

    /// <summary>A shard StatefulSet's replica count changed.</summary>
    public const string Scaled = "Scaled";

    /// <summary>An owned object the spec no longer asks for was deleted.</summary>
    public const string Pruned = "Pruned";

    /// <summary>The spec failed validation; nothing was changed.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>The cluster reached the Ready phase.</summary>
    public const string Ready = "Ready";

    /// <summary>The cluster left the Ready phase for Degraded.</summary>
    public const string Degraded = "Degraded";
}
