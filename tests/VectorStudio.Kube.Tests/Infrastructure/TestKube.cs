// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Client;
using VectorStudio.Kube.Configuration;
using VectorStudio.Kube.Fake;
using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Tests.Infrastructure;

/// <summary>Kinds, servers and clients the tests share. Every test starts its own server (port 0).</summary>
internal static class TestKube
{
    public const string Namespace = "test";

    public static ResourceType Widgets { get; } = new("example.vectorstudio.io", "v1", "widgets", "Widget", true);

    public static FakeKind WidgetKind { get; } = new("example.vectorstudio.io", "v1", "widgets", "Widget", true, HasStatus: true);

    public static ResourceType ConfigMaps { get; } = new("", "v1", "configmaps", "ConfigMap", true);

    public static async Task<FakeKubeApiServer> StartAsync(TimeProvider? time = null)
    {
        var server = await FakeKubeApiServer.StartAsync(new FakeServerOptions { Time = time ?? TimeProvider.System });
        server.Register(WidgetKind);
        return server;
    }

    public static KubeApiClient Client(FakeKubeApiServer server, ITokenSource? token = null) =>
        new(new KubeClientSettings { Server = server.Url, Namespace = Namespace, Token = token });

    public static Widget NewWidget(string name, int size = 1, Dictionary<string, string>? labels = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Spec = new WidgetSpec { Size = size },
    };

    public static int Count(FakeKubeApiServer server, string method, string pathContains) =>
        server.Requests.Count(r => r.Method == method && r.PathAndQuery.Contains(pathContains, StringComparison.Ordinal));
}
