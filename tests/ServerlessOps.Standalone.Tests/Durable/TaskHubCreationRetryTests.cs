using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Standalone.Durable;

namespace ServerlessOps.Standalone.Tests.Durable;

public sealed class TaskHubCreationRetryTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public void IsTransient_StorageAnswerWorthAnotherTry_WrappedAsTheEngineWrapsIt(int status)
    {
        var storage = new RequestFailedException(status, "Azurite said no");

        Assert.True(TaskHubCreationRetry.IsTransient(storage));
        Assert.True(TaskHubCreationRetry.IsTransient(new InvalidOperationException("engine wrapper", storage)));
        Assert.True(TaskHubCreationRetry.IsTransient(new AggregateException(new InvalidOperationException("other"), storage)));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(409)]
    public void IsTransient_ClientErrorThatWouldRecur_IsNotRetried(int status)
    {
        Assert.False(TaskHubCreationRetry.IsTransient(new RequestFailedException(status, "wrong request")));
        Assert.False(TaskHubCreationRetry.IsTransient(new InvalidOperationException("not storage")));
    }

    [Fact]
    public async Task Pipeline_TwoTransientFailures_ThirdAttemptCreatesTheHub()
    {
        var attempts = 0;

        await TaskHubCreationRetry.Create(NullLogger.Instance, TimeSpan.FromMilliseconds(1)).ExecuteAsync(
            _ =>
            {
                attempts++;
                return attempts < 3 ? throw new InvalidOperationException("engine wrapper", new RequestFailedException(500, "busy")) : ValueTask.CompletedTask;
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Pipeline_PersistentFailure_GivesUpWithTheStorageError()
    {
        var attempts = 0;

        var thrown = await Assert.ThrowsAsync<RequestFailedException>(async () => await TaskHubCreationRetry.Create(NullLogger.Instance, TimeSpan.FromMilliseconds(1)).ExecuteAsync(
            _ =>
            {
                attempts++;
                throw new RequestFailedException(503, "down");
            },
            TestContext.Current.CancellationToken));

        Assert.Equal(503, thrown.Status);
        Assert.Equal(9, attempts);
    }
}
