using Azure.Storage.Queues;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Standalone.Queues;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>
/// The standalone listener against real Azurite keeps a message hidden while its invocation runs, as the Functions host
/// does: a delivery held back by order flow admission may wait minutes, and without the renewal its message reappeared
/// after the visibility timeout, ran a second time beside the first and counted an attempt towards the poison queue.
/// </summary>
public sealed class QueueListenerKeepsRunningMessagesHiddenTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InvocationOutlastingTheVisibilityTimeout_RunsOnce_AndItsMessageIsDeletedAfter()
    {
        var queueName = "hidden-" + Guid.NewGuid().ToString("N")[..12];
        var function = new SlowFunction(queueName, holdFor: TimeSpan.FromSeconds(13));
        var listener = StandaloneListener.For(function, new QueueServiceClient(fixture.Azurite.ConnectionString, StandaloneListener.ClientOptions()), o => o.VisibilityTimeout = TimeSpan.FromSeconds(5));
        var queue = new QueueClient(fixture.Azurite.ConnectionString, queueName, StandaloneListener.ClientOptions());
        await queue.CreateIfNotExistsAsync(cancellationToken: Token);
        await queue.SendMessageAsync("{\"n\":1}", Token);

        await listener.StartAsync(Token);
        try
        {
            await function.Finished.WaitAsync(TimeSpan.FromSeconds(40), Token);

            // Two and a half visibility timeouts later: still one invocation, and the delete with the renewed receipt took it.
            await Task.Delay(TimeSpan.FromSeconds(1), Token);
            Assert.Equal(1, function.Invocations);
            Assert.Equal(0, (await queue.GetPropertiesAsync(Token)).Value.ApproximateMessagesCount);
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    private sealed class SlowFunction(string queueName, TimeSpan holdFor) : IQueueFunction
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _invocations;

        public string Name => "Slow";

        public string QueueName => queueName;

        public int Invocations => Volatile.Read(ref _invocations);

        public Task Finished => _finished.Task;

        public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _invocations) == 1)
            {
                await Task.Delay(holdFor, cancellationToken);
                _finished.TrySetResult();
            }
        }
    }
}
