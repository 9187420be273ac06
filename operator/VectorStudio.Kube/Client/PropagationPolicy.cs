// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Client;

/// <summary>What a delete does to the object's dependents (those with an ownerReference to it).</summary>
public enum PropagationPolicy
{
    /// <summary>Delete the object now; the garbage collector deletes dependents afterwards.</summary>
    Background,

    /// <summary>Delete dependents first; the object goes last.</summary>
    Foreground,

    /// <summary>Leave dependents, removing the owner reference.</summary>
    Orphan,
}
