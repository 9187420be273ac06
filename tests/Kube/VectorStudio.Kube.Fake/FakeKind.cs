// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Fake;

/// <summary>A kind the fake server serves: where its URLs live and whether it has a <c>/status</c> subresource.</summary>
public sealed record FakeKind(string Group, string Version, string Plural, string Kind, bool Namespaced, bool HasStatus = true)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The registry key: group/version/plural.</summary>
    public string Key => $"{Group}/{Version}/{Plural}";
}
