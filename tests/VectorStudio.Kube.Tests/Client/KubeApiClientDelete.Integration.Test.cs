// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Client;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Client;

/// <summary>Delete with preconditions, finalizers and ownerReference propagation.</summary>
public sealed class KubeApiClientDeleteIntegrationTest
{
    [Fact]
    public async Task Delete_Should_ReturnFalse_When_ObjectIsAbsent()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));

        Assert.True(await client.DeleteAsync(TestKube.Widgets, null, "a"));
        Assert.False(await client.DeleteAsync(TestKube.Widgets, null, "a"));
        Assert.Null(await client.GetOrNullAsync<Widget>(TestKube.Widgets, null, "a"));
    }

    [Fact]
    public async Task Delete_Should_ThrowConflictAndKeepTheObject_When_PreconditionIsStale()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var w = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("a"));
        await client.PatchAsync<Widget>(TestKube.Widgets, null, "a", new { spec = new { size = 2 } });

        var ex = await Assert.ThrowsAsync<KubeApiException>(() =>
            client.DeleteAsync(TestKube.Widgets, null, "a", resourceVersion: w.Metadata.ResourceVersion));

        Assert.True(ex.IsConflict);
        Assert.NotNull(await client.GetOrNullAsync<Widget>(TestKube.Widgets, null, "a"));
    }

    [Theory]
    [InlineData(PropagationPolicy.Background, false)]
    [InlineData(PropagationPolicy.Foreground, false)]
    [InlineData(PropagationPolicy.Orphan, true)]
    public async Task Delete_Should_HandleDependentsPerPolicy_When_OwnerIsDeleted(PropagationPolicy policy, bool dependentSurvives)
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var owner = await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("owner"));
        var child = TestKube.NewWidget("child");
        child.Metadata.OwnerReferences = [new OwnerReference
        {
            ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = "owner", Uid = owner.Metadata.Uid!, Controller = true,
        }];
        await client.CreateAsync(TestKube.Widgets, null, child);
        await client.CreateAsync(TestKube.Widgets, null, TestKube.NewWidget("unrelated"));

        await client.DeleteAsync(TestKube.Widgets, null, "owner", policy);

        var survivor = await client.GetOrNullAsync<Widget>(TestKube.Widgets, null, "child");
        Assert.Equal(dependentSurvives, survivor is not null);
        if (survivor is not null)
        {
            Assert.Empty(survivor.Metadata.OwnerReferences ?? []);
        }

        Assert.NotNull(await client.GetOrNullAsync<Widget>(TestKube.Widgets, null, "unrelated"));
    }

    [Fact]
    public async Task Delete_Should_OnlyMarkTheObject_When_ItHasFinalizers()
    {
        await using var server = await TestKube.StartAsync();
        using var client = TestKube.Client(server);
        var w = TestKube.NewWidget("a");
        w.Metadata.Finalizers = ["vectorstudio.io/cleanup"];
        await client.CreateAsync(TestKube.Widgets, null, w);

        await client.DeleteAsync(TestKube.Widgets, null, "a");
        var marked = await client.GetAsync<Widget>(TestKube.Widgets, null, "a");
        Assert.NotNull(marked.Metadata.DeletionTimestamp);

        await client.PatchAsync<Widget>(TestKube.Widgets, null, "a", new { metadata = new { finalizers = Array.Empty<string>() } });
        Assert.Null(await client.GetOrNullAsync<Widget>(TestKube.Widgets, null, "a"));
    }
}
