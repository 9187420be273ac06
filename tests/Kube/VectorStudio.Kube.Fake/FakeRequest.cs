// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Fake;

/// <summary>One request the fake server received (for assertions), with the bearer token it carried.</summary>
public sealed record FakeRequest(string Method, string PathAndQuery, string? Token, string? ContentType);
