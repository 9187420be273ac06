// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using FsCheck;
using FsCheck.Fluent;
using VectorStudio.Kube.Controllers;

namespace VectorStudio.Kube.Tests.Controllers;

/// <summary>
/// The queue against a model, over random sequences of Add / Get / Done on a few keys (few keys
/// so that collisions — the interesting case — are common). Properties: a key held by a worker is
/// never handed out again before Done; the queue never holds a key twice; and after everything is
/// drained, every key added after it was last taken has been taken again (no add is lost).
/// </summary>
public sealed class WorkQueuePropertyTests
{
    private enum Op
    {
        Add,
        Get,
        Done,
    }

    [Fact]
    public void Queue_Should_MatchTheModel_When_OperationsInterleaveRandomly()
    {
        var ops = Gen.Elements(Op.Add, Op.Add, Op.Get, Op.Done).SelectMany(op => Gen.Choose(0, 3).Select(k => (op, k)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Arb.From(Gen.ListOf(ops).Select(l => l.ToArray())), Run));
    }

    private static bool Run((Op Op, int Key)[] script)
    {
        using var queue = new WorkQueue();
        var held = new HashSet<string>();
        var needsRun = new HashSet<string>(); // added since last taken
        foreach (var (op, k) in script)
        {
            var key = $"k{k}";
            switch (op)
            {
                case Op.Add:
                    queue.Add(key);
                    needsRun.Add(key);
                    break;
                case Op.Get when queue.Count > 0:
                    var got = Take(queue);
                    if (!held.Add(got))
                    {
                        return false; // handed out while held
                    }

                    needsRun.Remove(got);
                    break;
                case Op.Done when held.Remove(key):
                    queue.Done(key);
                    break;
                default:
                    break;
            }

            if (queue.Count > 4)
            {
                return false; // four keys exist: a fifth entry is a duplicate
            }
        }

        foreach (var key in held)
        {
            queue.Done(key);
        }

        while (queue.Count > 0)
        {
            var got = Take(queue);
            needsRun.Remove(got);
            queue.Done(got);
        }

        return needsRun.Count == 0;
    }

    // Count > 0 means a key is ready.
    private static string Take(WorkQueue queue)
    {
        Assert.True(queue.TryGet(out var key), "a ready key is handed out without waiting");
        return key;
    }
}
