// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Hosting;

/// <summary>
/// Whether the process is ready to serve (for <c>/readyz</c> and the gRPC health service), with
/// the reason when it is not. Starts not ready.
/// </summary>
public sealed class Readiness
{
    private volatile string? _notReadyReason = "starting";

    public event Action<bool>? Changed;

    public bool IsReady => _notReadyReason is null;

    public string? NotReadyReason => _notReadyReason;

    public void SetReady()
    {
        _notReadyReason = null;
        Changed?.Invoke(true);
    }

    public void SetNotReady(string reason)
    {
        _notReadyReason = reason;
        Changed?.Invoke(false);
    }
}
