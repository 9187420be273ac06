// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Rpc.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VectorStudio.Rpc.Tests.Health;

public sealed class HealthServiceTest
{
    [Fact]
    public void GetStatus_Should_BeServingForServerAndUnknownForOthers_When_New()
    {
        var health = new HealthService();

        Assert.Equal(ServingStatus.Serving, health.GetStatus(string.Empty));
        Assert.Null(health.GetStatus("a.B"));
    }

    [Fact]
    public void EnterNotServing_Should_MarkEveryKnownService_When_Draining()
    {
        var health = new HealthService();
        health.SetStatus("a.B", ServingStatus.Serving);

        health.EnterNotServing();

        Assert.Equal(ServingStatus.NotServing, health.GetStatus(string.Empty));
        Assert.Equal(ServingStatus.NotServing, health.GetStatus("a.B"));
    }

    [Fact]
    public void ClearStatus_Should_ForgetService_When_Called()
    {
        var health = new HealthService();
        health.SetStatus("a.B", ServingStatus.NotServing);

        health.ClearStatus("a.B");

        Assert.Null(health.GetStatus("a.B"));
    }
}
