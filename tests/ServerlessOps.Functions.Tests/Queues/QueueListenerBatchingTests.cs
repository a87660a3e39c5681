using System.Collections.Concurrent;
using Azure.Storage.Queues;
using ServerlessOps.Standalone.Queues;
using ServerlessOps.Functions.Tests.Hosting;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>The standalone listener's batching against real Azurite: host.json's batchSize and newBatchThreshold.</summary>
public sealed class QueueListenerBatchingTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listener_BatchDownToTheThreshold_FetchesTheNextBatchWithoutWaitingForTheRestButNeverRunsMore()
    {
        var queueName = "batching-" + Guid.NewGuid().ToString("N")[..12];
        var function = new GatedFunction(queueName);
        var listener = StandaloneListener.For(
            function,
            new QueueServiceClient(fixture.Azurite.ConnectionString, StandaloneListener.ClientOptions()),
            options => (options.BatchSize, options.NewBatchThreshold) = (4, 2));
        var sender = new QueueClient(fixture.Azurite.ConnectionString, queueName, StandaloneListener.ClientOptions());
        await sender.CreateIfNotExistsAsync(cancellationToken: Token);
        for (var i = 0; i < 10; i++)
        {
            await sender.SendMessageAsync($"m{i}", Token);
        }

        await listener.StartAsync(Token);
        try
        {
            await WaitForAsync(() => function.Running == 4, "the first batch of 4 running");
            function.Release(2);

            // Two still running is the threshold: the next batch of 4 starts beside them.
            await WaitForAsync(() => function.Running == 6, "the second batch started while 2 of the first still ran");
            await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
            Assert.Equal(6, function.Running);

            function.Release(10);
            await WaitForAsync(() => function.Handled == 10, "all 10 messages handled");
            Assert.Equal(6, function.MostRunning);
        }
        finally
        {
            function.Release(10);
            await listener.StopAsync(CancellationToken.None);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, Token);
        }
    }

    /// <summary>Each invocation waits until the test releases it; counts what runs at once.</summary>
    private sealed class GatedFunction(string queueName) : IQueueFunction
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _waiting = new();
        private readonly Lock _gate = new();
        private int _released;
        private int _running;
        private int _mostRunning;
        private int _handled;

        public string Name => "Gated";

        public string QueueName => queueName;

        public int Running => Volatile.Read(ref _running);

        public int MostRunning => Volatile.Read(ref _mostRunning);

        public int Handled => Volatile.Read(ref _handled);

        public void Release(int count)
        {
            lock (_gate)
            {
                _released += count;
                ReleaseAllowed();
            }
        }

        public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                var now = ++_running;
                _mostRunning = Math.Max(_mostRunning, now);
                _waiting.Enqueue(gate);
                ReleaseAllowed();
            }

            await gate.Task.WaitAsync(cancellationToken);
            lock (_gate)
            {
                _running--;
                _handled++;
            }
        }

        private void ReleaseAllowed()
        {
            while (_released > 0 && _waiting.TryDequeue(out var next))
            {
                _released--;
                next.TrySetResult();
            }
        }
    }
}
