// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;

namespace VectorStudio.Operator.Controllers;

/// <summary>The operator's instruments, exported on <c>/metrics</c>.</summary>
public sealed class OperatorMetrics : IDisposable
{
    public const string MeterName = "VectorStudio.Operator";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _reconciles;
    private int _leader;
    private long _count;

    public OperatorMetrics()
    {
        _reconciles = _meter.CreateCounter<long>("vso_reconciles_total",
            description: "Reconcile passes, by result (ok, invalid, conflict, error, deleted).");
        _meter.CreateObservableGauge("vso_leader", () => Volatile.Read(ref _leader),
            description: "1 while this replica holds the leader Lease (or runs without leader election).");
    }

    /// <summary>Reconcile passes finished so far (any result).</summary>
    public long Reconciles => Interlocked.Read(ref _count);

    public void Reconciled(string result)
    {
        Interlocked.Increment(ref _count);
        _reconciles.Add(1, new KeyValuePair<string, object?>("result", result));
    }

    public void SetLeader(bool leader) => Volatile.Write(ref _leader, leader ? 1 : 0);

    public void Dispose() => _meter.Dispose();
}
