// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Threading.Channels;
using Grpc.Health.V1;
using VectorStudio.Rpc.Server;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VectorStudio.Rpc.Health;

/// <summary>
/// The standard health service (<c>grpc.health.v1.Health</c>, grpc/grpc doc/health-checking.md)
/// with its status manager. The empty service name stands for the whole server and starts SERVING;
/// other names are unknown until <see cref="SetStatus"/> names them.
/// </summary>
public sealed class HealthService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal)
    {
        [string.Empty] = ServingStatus.Serving,
    };
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Sets a service's status and tells its watchers.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND, watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (_statuses.Remove(service))
            {
                Notify(service, ServingStatus.ServiceUnknown);
            }
        }
    }

    /// <summary>Sets every known service NOT_SERVING, e.g. while the server drains before stopping.</summary>
    public void EnterNotServing()
    {
        lock (_lock)
        {
            foreach (var service in _statuses.Keys.ToList())
            {
                _statuses[service] = ServingStatus.NotServing;
                Notify(service, ServingStatus.NotServing);
            }
        }
    }

    /// <summary>The status of a service, or null when it is unknown.</summary>
    public ServingStatus? GetStatus(string service)
    {
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    /// <summary>The service definition to register with a <see cref="GrpcServer"/>.</summary>
    public ServiceDefinition CreateDefinition() =>
        ServiceDefinition.CreateBuilder(HealthReflection.Descriptor.Services[0])
            .AddUnary<HealthCheckRequest, HealthCheckResponse>("Check", CheckAsync)
            .AddServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", WatchAsync)
            .Build();

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context)
    {
        var status = GetStatus(request.Service)
            ?? throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    /// <summary>Streams the current status, then every change, until the client cancels.</summary>
    private async Task WatchAsync(
        HealthCheckRequest request,
        IServerStreamWriter<HealthCheckResponse> responses,
        ServerCallContext context)
    {
        // Only the latest status matters to a watcher: a slow one skips intermediate states.
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var service = request.Service;
        lock (_lock)
        {
            var initial = _statuses.TryGetValue(service, out var status) ? status : ServingStatus.ServiceUnknown;
            channel.Writer.TryWrite(initial);
            if (!_watchers.TryGetValue(service, out var list))
            {
                _watchers[service] = list = [];
            }

            list.Add(channel);
        }

        try
        {
            ServingStatus? last = null;
            var token = context.CancellationToken;
            while (await channel.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var status))
                {
                    if (status != last)
                    {
                        last = status;
                        var update = new HealthCheckResponse { Status = status };
                        await responses.WriteAsync(update, token).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                if (_watchers.TryGetValue(service, out var list) && list.Remove(channel) && list.Count == 0)
                {
                    _watchers.Remove(service);
                }
            }
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var channel in list)
            {
                channel.Writer.TryWrite(status);
            }
        }
    }
}
