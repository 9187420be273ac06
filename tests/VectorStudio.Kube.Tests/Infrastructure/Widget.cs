// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Tests.Infrastructure;

/// <summary>A custom kind with spec and status, standing in for any CRD.</summary>
internal sealed class Widget : IKubernetesObject
{
    public string ApiVersion { get; set; } = "example.vectorstudio.io/v1";

    public string Kind { get; set; } = "Widget";

    public ObjectMeta Metadata { get; set; } = new();

    public WidgetSpec? Spec { get; set; }

    public WidgetStatus? Status { get; set; }
}

internal sealed class WidgetSpec
{
    public int Size { get; set; }

    public List<string>? Tags { get; set; }
}

internal sealed class WidgetStatus
{
    public bool? Ready { get; set; }

    public string? Message { get; set; }
}
