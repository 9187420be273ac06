// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Apps;

namespace VectorStudio.Operator.Core.Status;

/// <summary>One shard as observed: its StatefulSet's counts against what the spec asks for.</summary>
/// <param name="Index">Shard index.</param>
/// <param name="Exists">Its StatefulSet exists.</param>
/// <param name="Desired">Replicas the spec asks for (0 for a shard above the spec's count).</param>
/// <param name="SpecReplicas">Replicas the StatefulSet's own spec asks for (Desired once applied).</param>
/// <param name="Replicas">Pods the StatefulSet has.</param>
/// <param name="Ready">Ready pods.</param>
/// <param name="RollingOut">The StatefulSet has not finished applying its latest template.</param>
public sealed record ShardObservation(
    int Index, bool Exists, int Desired, int SpecReplicas, int Replicas, int Ready, bool RollingOut)
{
    public bool Retained => Desired == 0 && Exists;

    public bool Scaling => Exists && Desired > 0 && (SpecReplicas != Desired || Replicas != Desired);

    public bool FullyReady => Exists && Desired > 0 && Ready >= Desired && !RollingOut && !Scaling;

    public static ShardObservation From(int index, int desired, StatefulSet? sts)
    {
        if (sts is null)
        {
            return new ShardObservation(index, false, desired, 0, 0, 0, false);
        }

        var status = sts.Status;
        var specReplicas = sts.Spec?.Replicas ?? 1;
        var rolling = status is null
            || (status.ObservedGeneration ?? 0) < (sts.Metadata.Generation ?? 0)
            || (status.UpdatedReplicas ?? 0) < specReplicas
            || (status.UpdateRevision is not null && status.CurrentRevision != status.UpdateRevision);
        return new ShardObservation(
            index, true, desired, specReplicas, status?.Replicas ?? 0, status?.ReadyReplicas ?? 0, rolling);
    }
}
