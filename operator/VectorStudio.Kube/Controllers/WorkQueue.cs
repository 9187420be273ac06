// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace VectorStudio.Kube.Controllers;

/// <summary>
/// A controller work queue of object keys (client-go's rate-limited delaying queue):
/// <list type="bullet">
/// <item>a key is queued at most once however often it is added (<c>dirty</c> set);</item>
/// <item>a key being processed is never handed out again until <see cref="Done"/>; if it was
/// added meanwhile it is queued again at Done, so the newest state is processed after, never
/// concurrently;</item>
/// <item><see cref="AddRateLimited"/> requeues with per-key exponential backoff, which
/// <see cref="Forget"/> resets on success; <see cref="AddAfter"/> delays an add.</item>
/// </list>
/// <code>
///   Add ──> dirty+queued ──GetAsync──> processing ──Done──> (dirty? queued : gone)
///              ^                          │ Add while processing: dirty only
///              └──── AddAfter timer ──────┘
/// </code>
/// Lock order: only <c>_lock</c>; timers and channel writes are non-blocking under it.
/// </summary>
public sealed class WorkQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Due, ITimer Timer)> _waiting = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private bool _shutDown;

    /// <param name="time">Clock for delays (a fake in tests).</param>
    /// <param name="baseDelay">First rate-limited delay of a key; default 50 ms.</param>
    /// <param name="maxDelay">Cap of the per-key backoff; default 5 min, so a broken object costs one try per 5 min.</param>
    public WorkQueue(TimeProvider? time = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        _time = time ?? TimeProvider.System;
        BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(50);
        MaxDelay = maxDelay ?? TimeSpan.FromMinutes(5);
    }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>Keys queued and not yet handed out.</summary>
    public int Count => _queue.Reader.Count;

    public bool IsShutDown
    {
        get
        {
            lock (_lock)
            {
                return _shutDown;
            }
        }
    }

    /// <summary>Queues <paramref name="key"/> unless it is already queued (or is processed and then requeued).</summary>
    public void Add(string key)
    {
        lock (_lock)
        {
            if (_shutDown || !_dirty.Add(key))
            {
                return;
            }

            if (!_processing.Contains(key))
            {
                _queue.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> after <paramref name="delay"/>; an earlier pending add of it wins.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            if (_shutDown)
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(key, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var timer = _time.CreateTimer(_ => Fire(key), null, delay, Timeout.InfiniteTimeSpan);
            _waiting[key] = (due, timer);
        }
    }

    /// <summary>Requeues <paramref name="key"/> after its backoff: BaseDelay·2^(failures), capped at MaxDelay.</summary>
    public void AddRateLimited(string key)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            delay = DelayFor(failures);
        }

        AddAfter(key, delay);
    }

    /// <summary>Clears the key's failure count (call after it processed successfully).</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>How often the key was rate-limited since the last <see cref="Forget"/>.</summary>
    public int Requeues(string key)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Waits for the next key and marks it processing; null once the queue is shut down and drained.
    /// Every key returned must be passed to <see cref="Done"/>.
    /// </summary>
    public async ValueTask<string?> GetAsync(CancellationToken ct)
    {
        string key;
        try
        {
            key = await _queue.Reader.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }

        lock (_lock)
        {
            _dirty.Remove(key);
            _processing.Add(key);
        }

        return key;
    }

    /// <summary>Takes a ready key without waiting (false when none is ready); pass it to <see cref="Done"/>.</summary>
    public bool TryGet([NotNullWhen(true)] out string? key)
    {
        if (!_queue.Reader.TryRead(out key))
        {
            return false;
        }

        lock (_lock)
        {
            _dirty.Remove(key);
            _processing.Add(key);
        }

        return true;
    }

    /// <summary>Ends processing of <paramref name="key"/>; queues it again if it was added meanwhile.</summary>
    public void Done(string key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key) && !_shutDown)
            {
                _queue.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Stops accepting keys; <see cref="GetAsync"/> drains what is queued, then returns null.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shutDown = true;
            foreach (var (_, pending) in _waiting)
            {
                pending.Timer.Dispose();
            }

            _waiting.Clear();
            _queue.Writer.TryComplete();
        }
    }

    public void Dispose() => ShutDown();

    internal TimeSpan DelayFor(int failures)
    {
        var ticks = BaseDelay.Ticks * Math.Pow(2, Math.Min(failures, 40));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private void Fire(string key)
    {
        lock (_lock)
        {
            if (_waiting.Remove(key, out var pending))
            {
                pending.Timer.Dispose();
            }
        }

        Add(key);
    }
}
