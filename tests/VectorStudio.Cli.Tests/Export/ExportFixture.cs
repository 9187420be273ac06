// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Contracts.V1;
using VectorStudio.ShardNode.Tests;

namespace VectorStudio.Cli.Tests.Export;

/// <summary>
/// One real shard node with one collection of labelled points, shared by the export tests (which only
/// read it). Points 0..39 have numeric ids, "s-0".."s-4" string ids; every fifth numeric point lacks the
/// labels; "kind" is a string label, "klass" an integer one, "score" a double (not a valid label).
/// </summary>
public sealed class ExportFixture : IAsyncLifetime
{
    public const int Dimension = 6;

    private NodeProcess? _node;

    public NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

    public string Collection { get; } = "export-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Every stored point, by id text (digits for numeric ids).</summary>
    public Dictionary<string, Point> Points { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync();
        // Euclid keeps vectors exactly as sent (cosine would normalise them), so comparisons can be exact.
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = Collection, Dimension = Dimension, Distance = Distance.Euclid });
        var random = new Random(20261122);
        var request = new UpsertPointsRequest { Collection = Collection };
        for (var i = 0; i < 45; i++)
        {
            var point = new Point { Id = i < 40 ? new PointId { Num = (ulong)i } : new PointId { Str = $"s-{i - 40}" } };
            point.Vector.Add(Enumerable.Range(0, Dimension).Select(_ => (float)((random.NextDouble() * 4) - 2)));
            if (i >= 40 || i % 5 != 0)
            {
                point.Payload["kind"] = new Value { StringValue = i % 3 == 0 ? "cat" : "dög ✓" };
                point.Payload["klass"] = new Value { IntegerValue = i == 7 ? -5_000_000_000 : (i % 4) - 1 };
            }

            point.Payload["score"] = new Value { DoubleValue = i * 0.5 };
            point.Payload["even"] = new Value { BoolValue = i % 2 == 0 };
            request.Points.Add(point);
            Points[IdText(point.Id)] = point;
        }

        await Node.Points.UpsertAsync(request);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>The points that carry the labels.</summary>
    public IEnumerable<Point> Labelled => Points.Values.Where(p => p.Payload.ContainsKey("kind"));

    public static string IdText(PointId id) =>
        id.KindCase == PointId.KindOneofCase.Num ? id.Num.ToString(CultureInfo.InvariantCulture) : id.Str;
}
