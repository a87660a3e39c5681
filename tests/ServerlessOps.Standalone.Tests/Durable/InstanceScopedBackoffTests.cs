using Azure;
using ServerlessOps.Standalone.Durable;

namespace ServerlessOps.Standalone.Tests.Durable;

public sealed class InstanceScopedBackoffTests
{
    [Theory]
    [InlineData(404, true)]
    [InlineData(412, true)]
    [InlineData(409, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void IsInstanceScoped_WrappedStorageFailure_OnlyMissingOrConflictingInstance(int status, bool expected)
    {
        var wrapped = new InvalidOperationException("An error occurred while communicating with Azure Storage", new RequestFailedException(status, "storage"));

        Assert.Equal(expected, WorkerFacingOrchestrationService.IsInstanceScoped(wrapped));
    }

    [Fact]
    public void IsInstanceScoped_InsideAggregate_Found()
    {
        var aggregate = new AggregateException(new TimeoutException(), new RequestFailedException(404, "gone"));

        Assert.True(WorkerFacingOrchestrationService.IsInstanceScoped(aggregate));
    }

    [Fact]
    public void IsInstanceScoped_NoStorageFailure_False()
    {
        Assert.False(WorkerFacingOrchestrationService.IsInstanceScoped(new TimeoutException("network")));
    }
}
