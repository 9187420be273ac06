// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Fake;

/// <summary>
/// Injected failures: the next N requests that match a filter get an HTTP error with a Status
/// body instead of being served. Rules are consumed in the order they were added.
/// </summary>
public sealed class FakeFaults
{
    private readonly Lock _lock = new();
    private readonly List<Rule> _rules = [];

    /// <summary>
    /// Fails the next <paramref name="count"/> requests matching <paramref name="method"/> (null: any)
    /// and whose path contains <paramref name="pathContains"/> (null: any) with <paramref name="code"/>.
    /// </summary>
    public void FailNext(int count, int code, string? method = null, string? pathContains = null, string? reason = null)
    {
        lock (_lock)
        {
            _rules.Add(new Rule(count, code, method, pathContains, reason ?? DefaultReason(code)));
        }
    }

    /// <summary>Fails the next <paramref name="count"/> requests for which <paramref name="match"/> holds.</summary>
    public void FailNext(int count, int code, Func<FakeRequest, bool> match)
    {
        lock (_lock)
        {
            _rules.Add(new Rule(count, code, null, null, DefaultReason(code)) { Match = match });
        }
    }

    /// <summary>Removes every pending fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    /// <summary>How many injected failures are still pending.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    internal FakeApiException? TryTake(FakeRequest request)
    {
        lock (_lock)
        {
            var rule = _rules.Find(r => r.Remaining > 0
                && (r.Method is null || string.Equals(r.Method, request.Method, StringComparison.OrdinalIgnoreCase))
                && (r.PathContains is null || request.PathAndQuery.Contains(r.PathContains, StringComparison.Ordinal))
                && (r.Match is null || r.Match(request)));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            _rules.RemoveAll(r => r.Remaining == 0);
            return new FakeApiException(rule.Code, rule.Reason, $"injected fault: {rule.Code} {rule.Reason}");
        }
    }

    private static string DefaultReason(int code) => code switch
    {
        401 => "Unauthorized",
        403 => "Forbidden",
        409 => "Conflict",
        410 => "Expired",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        _ => "Unknown",
    };

    private sealed class Rule(int count, int code, string? method, string? pathContains, string reason)
    {
        public int Remaining { get; set; } = count;

        public int Code { get; } = code;

        public string? Method { get; } = method;

        public string? PathContains { get; } = pathContains;

        public string Reason { get; } = reason;

        public Func<FakeRequest, bool>? Match { get; init; }
    }
}
