// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models;

/// <summary><c>metav1.StatusCause</c>: one reason a request failed, e.g. a field that is invalid.</summary>
public sealed class StatusCause
{
    /// <summary>e.g. <c>FieldValueRequired</c>, <c>FieldValueInvalid</c>.</summary>
    public string? Reason { get; set; }

    public string? Message { get; set; }

    /// <summary>The field path, e.g. <c>spec.replicas</c>.</summary>
    public string? Field { get; set; }
}
