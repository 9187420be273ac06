// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using VectorStudio.Client;
using VectorStudio.Contracts.V1;
using VectorStudio.Rpc.Client;

namespace VectorStudio.Benchmarks.Durability;

/// <summary>Creates a collection with an fsync mode and sends every batch once from concurrent writers.</summary>
internal sealed class IngestLoad(GrpcChannel channel, int dimension, int batch, int concurrency)
{
    private readonly CollectionsClient _collections = new(channel);
    private readonly PointsClient _points = new(channel);

    /// <summary>Writes <paramref name="points"/> points into a new collection; returns points/s.</summary>
    public async Task<double> RunAsync(string collection, string mode, int points)
    {
        await _collections.CreateAsync(new CreateCollectionRequest
        {
            Name = collection,
            Dimension = (uint)dimension,
            Distance = Contracts.V1.Distance.Dot,
            Durability = new Contracts.V1.Durability { Fsync = mode == "always" ? FsyncMode.Always : FsyncMode.Interval },
        });
        var requests = BuildRequests(collection, points);
        var next = -1;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int r;
            while ((r = Interlocked.Increment(ref next)) < requests.Length)
            {
                await _points.UpsertAsync(requests[r]);
            }
        }));
        await Task.WhenAll(writers);
        return points / clock.Elapsed.TotalSeconds;
    }

    public Task DropAsync(string collection) => _collections.DeleteAsync(collection);

    /// <summary>Requests are built before the clock starts, so the client's own work is not what is measured.</summary>
    private UpsertPointsRequest[] BuildRequests(string collection, int points)
    {
        var random = new Random(11);
        var requests = new UpsertPointsRequest[(points + batch - 1) / batch];
        for (var r = 0; r < requests.Length; r++)
        {
            var request = new UpsertPointsRequest { Collection = collection };
            for (var i = r * batch; i < Math.Min(points, (r + 1) * batch); i++)
            {
                var point = new Point { Id = new Contracts.V1.PointId { Num = (ulong)i } };
                for (var d = 0; d < dimension; d++)
                {
                    point.Vector.Add((float)((random.NextDouble() * 2) - 1));
                }

                request.Points.Add(point);
            }

            requests[r] = request;
        }

        return requests;
    }
}
