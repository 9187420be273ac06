// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Kube.Models;

/// <summary>
/// <c>metav1.Status</c>: what the API server returns instead of an object when a request fails (and
/// for some deletes), and the object of a watch ERROR event.
/// </summary>
public sealed class Status
{
    public string? ApiVersion { get; set; } = "v1";

    public string? Kind { get; set; } = "Status";

    public ListMeta? Metadata { get; set; }

    /// <summary><c>Success</c> or <c>Failure</c> (the JSON field <c>status</c>).</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }

    public string? Message { get; set; }

    /// <summary>
    /// Machine-readable reason, e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>,
    /// <c>Invalid</c>, <c>Expired</c>, <c>Gone</c>, <c>Unauthorized</c>.
    /// </summary>
    public string? Reason { get; set; }

    public StatusDetails? Details { get; set; }

    /// <summary>The HTTP status code this status stands for.</summary>
    public int? Code { get; set; }
}
