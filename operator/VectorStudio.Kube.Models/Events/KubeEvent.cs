// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Events;

/// <summary>
/// <c>events.k8s.io/v1 Event</c> (named KubeEvent: <c>Event</c> is a keyword in other .NET
/// languages). Chosen over <c>core/v1 Event</c> because it is the current API (client-go's new
/// recorder writes it), it models repeats as a <see cref="EventSeries"/> instead of
/// the deprecated count/first/last timestamps, and <c>kubectl describe</c> and <c>kubectl get
/// events</c> show it all the same: both APIs serve the same stored objects.
/// </summary>
public sealed class KubeEvent : IKubernetesObject
{
    public string ApiVersion { get; set; } = "events.k8s.io/v1";

    public string Kind { get; set; } = "Event";

    public ObjectMeta Metadata { get; set; } = new();

    /// <summary>When the event was first observed (MicroTime; required by the API).</summary>
    public DateTimeOffset? EventTime { get; set; }

    /// <summary>Set on repeats of the same event; absent for a one-off.</summary>
    public EventSeries? Series { get; set; }

    /// <summary>e.g. <c>vectorstudio.io/operator</c> (required).</summary>
    public string? ReportingController { get; set; }

    /// <summary>The controller instance, e.g. the pod name (required).</summary>
    public string? ReportingInstance { get; set; }

    /// <summary>What was done or failed, e.g. <c>Reconcile</c> (required).</summary>
    public string? Action { get; set; }

    /// <summary>Why, in UpperCamelCase, e.g. <c>ScaledUp</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>The object the event is about.</summary>
    public ObjectReference? Regarding { get; set; }

    /// <summary>Human-readable text (at most 1 kB).</summary>
    public string? Note { get; set; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; set; }
}
