// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;

namespace VectorStudio.Hosting;

/// <summary>Counts every call and times it, labelled by method and final status code.</summary>
public sealed class RpcMetricsInterceptor(RpcMetrics metrics) : ServerInterceptor
{
    public override async Task InterceptAsync(ServerCallContext context, Func<Task> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var start = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            await continuation();
            code = context.Status.StatusCode;
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        catch (OperationCanceledException)
        {
            code = context.CancellationToken.IsCancellationRequested && context.Deadline is not null
                ? StatusCode.DeadlineExceeded
                : StatusCode.Cancelled;
            throw;
        }
        catch (Exception)
        {
            code = StatusCode.Unknown;
            throw;
        }
        finally
        {
            var method = new KeyValuePair<string, object?>("method", context.Method);
            var status = new KeyValuePair<string, object?>("code", code.ToString());
            metrics.Requests.Add(1, method, status);
            if (code != StatusCode.OK)
            {
                metrics.Errors.Add(1, method, status);
            }

            metrics.RequestDuration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, method);
        }
    }
}
