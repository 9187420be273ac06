// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;
using VectorStudio.Rpc;

namespace VectorStudio.ShardNode.Tests;

/// <summary>The node on a 4 MiB filesystem: writes fail with RESOURCE_EXHAUSTED, nothing stored breaks, and it resumes by itself.</summary>
public sealed class FullDiskIntegrationTests
{
    [SmallFilesystemFact]
    public async Task Upsert_Should_FailWithResourceExhaustedAndResume_When_TheDiskFillsAndSpaceReturns()
    {
        await using var fs = await SmallFilesystem.MountAsync(4);
        var dataDir = Path.Combine(fs.Path, "data");
        var ballast = Path.Combine(fs.Path, "ballast");
        // 1 MiB the test deletes later: "space returns".
        await File.WriteAllBytesAsync(ballast, new byte[1 << 20]);
        var acknowledged = 0UL;
        await using (var node = await NodeProcess.StartInAsync(dataDir, ownsDataDir: false, "--wal-segment-mb", "1", "--snapshot-every-wal-mb", "0"))
        {
            await node.Collections.CreateAsync(new CreateCollectionRequest { Name = "full", Dimension = 64, Distance = Distance.Dot });
            RpcException? full = null;
            // 100 points × 64 floats ≈ 27 KB a batch: about 110 batches fill the 3 MiB left; 400 is a bound, not a target.
            for (var batch = 0; batch < 400 && full is null; batch++)
            {
                try
                {
                    await node.Points.UpsertAsync(TestData.Upsert("full", TestData.Points(100, 64, seed: batch, firstId: acknowledged)));
                    acknowledged += 100;
                }
                catch (RpcException e)
                {
                    full = e;
                }
            }

            Assert.NotNull(full);
            Assert.Equal(StatusCode.ResourceExhausted, full.StatusCode);
            Assert.Contains("full", full.Status.Detail, StringComparison.Ordinal);
            Assert.True(acknowledged > 0, "some batches fit before the disk filled");
            // Still full: refused again, and what is stored stays readable and whole.
            var again = await Assert.ThrowsAsync<RpcException>(() => node.Points.UpsertAsync(TestData.Upsert("full", TestData.Points(100, 64, seed: 999, firstId: 1_000_000))));
            Assert.Equal(StatusCode.ResourceExhausted, again.StatusCode);
            Assert.Equal(acknowledged, (await node.Points.CountAsync(new CountPointsRequest { Collection = "full" })).Count);

            File.Delete(ballast);
            await node.Points.UpsertAsync(TestData.Upsert("full", TestData.Points(100, 64, seed: 1000, firstId: acknowledged)));
            acknowledged += 100;
            Assert.Equal(acknowledged, (await node.Points.CountAsync(new CountPointsRequest { Collection = "full" })).Count);
            await node.KillAsync();
        }

        await using var restarted = await NodeProcess.StartInAsync(dataDir, ownsDataDir: false);
        Assert.Equal(acknowledged, (await restarted.Points.CountAsync(new CountPointsRequest { Collection = "full" })).Count);
        Assert.DoesNotContain("torn", restarted.Log, StringComparison.Ordinal);
    }
}
