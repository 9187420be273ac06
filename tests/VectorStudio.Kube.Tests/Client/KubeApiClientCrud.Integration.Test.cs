// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Client;

/// <summary>Every verb of the client against the fake API server over real HTTP.</summary>
public sealed class KubeApiClientCrudIntegrationTest
{
    [Fact]
    public async Task Create_Should_SetUidVersionGenerationAndTimestamp_When_ObjectIsNew()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);

        var created = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 3));

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(TestKube.Namespace, created.Metadata.Namespace);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(server.Store.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), created.Metadata.ResourceVersion);
        var read = await client.GetAsync<Widget>(TestKube.Widgets, null, "a");
        Assert.Equal(3, read.Spec!.Size);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
    }

    [Fact]
    public async Task Create_Should_ThrowAlreadyExists_When_NameIsTaken()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a")));

        Assert.Equal(KubeErrorKind.AlreadyExists, ex.Kind);
        Assert.Equal(409, ex.Status!.Code);
        Assert.Contains("widgets.example.vectorstudio.io \"a\" already exists", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Should_ThrowInvalidWithTheField_When_NameIsNotADnsSubdomain()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("Bad_Name")));

        Assert.True(ex.IsInvalid);
        Assert.Equal("metadata.name", Assert.Single(ex.Status!.Details!.Causes!).Field);
        Assert.Contains("RFC 1123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Should_ThrowNotFoundWithServerMessage_When_ObjectIsAbsent()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync<Widget>(TestKube.Widgets, null, "nope"));

        Assert.True(ex.IsNotFound);
        Assert.Contains("GET /apis/example.vectorstudio.io/v1/namespaces/test/widgets/nope: 404 NotFound", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"nope\" not found", ex.Message, StringComparison.Ordinal);
        Assert.Null(await client.GetOrNullAsync<Widget>(TestKube.Widgets, null, "nope"));
    }

    [Fact]
    public async Task Replace_Should_BumpGenerationOnlyForSpec_When_SpecOrLabelsChange()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var w = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 1));

        w.Metadata.Labels = new() { ["tier"] = "gold" };
        w = await client.ReplaceAsync(TestKube.Widgets, null, "a", w);
        Assert.Equal(1, w.Metadata.Generation);

        w.Spec!.Size = 2;
        w = await client.ReplaceAsync(TestKube.Widgets, null, "a", w);
        Assert.Equal(2, w.Metadata.Generation);
        Assert.Equal("gold", w.Metadata.Labels!["tier"]);
    }

    [Fact]
    public async Task Replace_Should_NotBumpVersion_When_NothingChanges()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var w = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));

        var again = await client.ReplaceAsync(TestKube.Widgets, null, "a", w);

        Assert.Equal(w.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Replace_Should_ThrowConflict_When_ResourceVersionIsStale()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var stale = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 1));
        var fresh = await client.GetAsync<Widget>(TestKube.Widgets, null, "a");
        fresh.Spec!.Size = 5;
        await client.ReplaceAsync(TestKube.Widgets, null, "a", fresh);

        stale.Spec!.Size = 9;
        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.ReplaceAsync(TestKube.Widgets, null, "a", stale));

        Assert.True(ex.IsConflict);
        Assert.Contains("the object has been modified", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, (await client.GetAsync<Widget>(TestKube.Widgets, null, "a")).Spec!.Size);
    }

    [Fact]
    public async Task StatusSubresource_Should_SeparateStatusFromSpec_When_EitherIsWritten()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var w = TestKube.NewWidget("a", 1);
        w.Status = new WidgetStatus { Ready = true };
        w = await client.CreateAsync(TestKube.Widgets, null, w);
        Assert.Null(w.Status); // status on create is dropped when a status subresource exists

        w.Status = new WidgetStatus { Ready = true, Message = "up" };
        w.Spec!.Size = 7;
        w = await client.ReplaceStatusAsync(TestKube.Widgets, null, "a", w);
        Assert.Equal(1, w.Spec!.Size); // the status write ignored the spec change
        Assert.Equal("up", w.Status!.Message);
        Assert.Equal(1, w.Metadata.Generation);

        w.Spec.Size = 4;
        w.Status = new WidgetStatus { Ready = false };
        w = await client.ReplaceAsync(TestKube.Widgets, null, "a", w);
        Assert.Equal(4, w.Spec!.Size);
        Assert.Equal("up", w.Status!.Message); // the spec write ignored the status change

        w = await client.PatchStatusAsync<Widget>(TestKube.Widgets, null, "a", new { status = new { message = "patched" } });
        Assert.Equal("patched", w.Status!.Message);
        Assert.True(w.Status.Ready);
        var read = await client.GetStatusAsync<Widget>(TestKube.Widgets, null, "a");
        Assert.Equal("patched", read.Status!.Message);
    }

    [Fact]
    public async Task Patch_Should_MergePerRfc7386_When_PatchHasNullsAndLists()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var w = TestKube.NewWidget("a", 1, new() { ["keep"] = "1", ["drop"] = "2" });
        w.Spec!.Tags = ["x", "y"];
        await client.CreateAsync(TestKube.Widgets, null, w);

        var patch = JsonNode.Parse("""{"metadata":{"labels":{"drop":null,"new":"3"}},"spec":{"tags":["z"]}}""")!;
        var patched = await client.PatchAsync<Widget>(TestKube.Widgets, null, "a", patch);

        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1", ["new"] = "3" }, patched.Metadata.Labels);
        Assert.Equal(["z"], patched.Spec!.Tags!);
        Assert.Equal(1, patched.Spec.Size);
        Assert.Equal(2, patched.Metadata.Generation);
        Assert.Contains(server.Requests, r => r.Method == "PATCH" && r.ContentType == "application/merge-patch+json");
    }

    [Fact]
    public async Task Patch_Should_ThrowConflict_When_PatchCarriesAStaleResourceVersion()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var w = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", 1));
        await client.PatchAsync<Widget>(TestKube.Widgets, null, "a", new { spec = new { size = 2 } });

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.PatchAsync<Widget>(TestKube.Widgets, null, "a",
            new { metadata = new { resourceVersion = w.Metadata.ResourceVersion }, spec = new { size = 3 } }));

        Assert.True(ex.IsConflict);
    }

    [Fact]
    public async Task Apply_Should_CreateThenMerge_When_AppliedTwiceWithAFieldManager()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);

        var first = await client.ApplyAsync(TestKube.Widgets, null, "a", TestKube.NewWidget("a", 2), "vs-operator");
        var second = await client.ApplyAsync(TestKube.Widgets, null, "a",
            TestKube.NewWidget("a", 2, new() { ["app"] = "vs" }), "vs-operator");

        Assert.Equal(1, first.Metadata.Generation);
        Assert.Equal("vs", second.Metadata.Labels!["app"]);
        Assert.Equal(1, second.Metadata.Generation); // labels only: spec unchanged
        var apply = server.Requests.Last(r => r.Method == "PATCH");
        Assert.Equal("application/apply-patch+yaml", apply.ContentType);
        Assert.Contains("fieldManager=vs-operator&force=true", apply.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_Should_SurfaceTheServerMessage_When_FieldManagerIsMissing()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.ApplyAsync(TestKube.Widgets, null, "a", TestKube.NewWidget("a"), ""));

        Assert.Equal(KubeErrorKind.BadRequest, ex.Kind);
        Assert.Contains("fieldManager: Required value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Should_FilterByLabelSelector_When_SelectorIsGiven()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a", labels: new() { ["shard"] = "0", ["app"] = "vs" }));
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("b", labels: new() { ["shard"] = "1", ["app"] = "vs" }));
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("c", labels: new() { ["shard"] = "2" }));

        var inSet = await client.ListAsync<Widget>(TestKube.Widgets, null, new ListOptions { LabelSelector = "app=vs,shard in (1,2)" });
        var notEq = await client.ListAsync<Widget>(TestKube.Widgets, null, new ListOptions { LabelSelector = "shard!=0,!missing" });

        Assert.Equal(["b"], inSet.Items.Select(w => w.Metadata.Name));
        Assert.Equal(["b", "c"], notEq.Items.Select(w => w.Metadata.Name));
    }

    [Fact]
    public async Task ListAll_Should_FollowContinueTokens_When_ResultSpansPages()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        for (var i = 0; i < 7; i++)
        {
            await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget($"w{i}"));
        }

        var firstPage = await client.ListAsync<Widget>(TestKube.Widgets, null, new ListOptions { Limit = 3 });
        var all = await client.ListAllAsync<Widget>(TestKube.Widgets, null, new ListOptions { Limit = 3 });

        Assert.Equal(3, firstPage.Items.Count);
        Assert.Equal(4, firstPage.Metadata.RemainingItemCount);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"w{i}"), all.Items.Select(w => w.Metadata.Name));
        Assert.Equal(firstPage.Metadata.ResourceVersion, all.Metadata.ResourceVersion);
        Assert.Equal(4, TestKube.Count(server, "GET", "limit=3")); // 1 page + 3 pages (3, 3, 1)
    }

    [Fact]
    public async Task ListAll_Should_SpanNamespaces_When_NamespaceIsNull()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        await client.CreateAsync(TestKube.Widgets, "one", TestKube.NewWidget("a"));
        await client.CreateAsync(TestKube.Widgets, "two", TestKube.NewWidget("a"));

        var all = await client.ListAllAsync<Widget>(TestKube.Widgets, null);
        var one = await client.ListAllAsync<Widget>(TestKube.Widgets, "one");

        Assert.Equal(["one", "two"], all.Items.Select(w => w.Metadata.Namespace));
        Assert.Single(one.Items);
    }
}
