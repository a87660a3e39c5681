using Azure.Core;
using Azure.Storage.Queues;
using ServerlessOps.Standalone.Queues;
using ServerlessOps.Functions.Queues;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>
/// The standalone listener against real Azurite, with receives failing the way they do under load: a
/// network timeout surfaces as a TaskCanceledException that is not our shutdown. Before this was handled,
/// one such failure ended the listener and every later delivery stayed queued until the app restarted.
/// </summary>
public sealed class QueueListenerResilienceTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listener_ReceivesTimingOut_KeepsPollingAndProcessesTheMessageOnceStorageAnswers()
    {
        var queueName = "listener-" + Guid.NewGuid().ToString("N")[..12];
        var failures = FailingQueueRequests.Receives(3);
        var options = StandaloneListener.ClientOptions();
        options.AddPolicy(failures, HttpPipelinePosition.PerCall);
        var function = new RecordingFunction(queueName);
        var listener = StandaloneListener.For(function, new QueueServiceClient(fixture.Azurite.ConnectionString, options));

        await listener.StartAsync(Token);
        try
        {
            var sender = new QueueClient(fixture.Azurite.ConnectionString, queueName, StandaloneListener.ClientOptions());
            await sender.CreateIfNotExistsAsync(cancellationToken: Token);
            await sender.SendMessageAsync("{\"n\":1}", Token);

            var handled = await function.FirstMessage.WaitAsync(TimeSpan.FromSeconds(20), Token);

            Assert.Equal("{\"n\":1}", handled);
            Assert.Equal(0, failures.FailuresLeft);
            Assert.False(listener.ExecuteTask!.IsCompleted, "the listener stopped instead of retrying");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    private sealed class RecordingFunction(string queueName) : IQueueFunction
    {
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "Recording";

        public string QueueName => queueName;

        public Task<string> FirstMessage => _first.Task;

        public Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken)
        {
            _first.TrySetResult(message);
            return Task.CompletedTask;
        }
    }
}
