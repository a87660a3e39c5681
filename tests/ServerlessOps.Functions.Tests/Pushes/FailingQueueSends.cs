using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>Fails the app's next sends to the push queue (POST …/messages) as an unreachable queue would.</summary>
internal sealed class FailingQueueSends(int failures) : HttpPipelinePolicy
{
    private int _failuresLeft = failures;

    public int FailuresLeft => Math.Max(0, Volatile.Read(ref _failuresLeft));

    public void Arm(int failures) => Volatile.Write(ref _failuresLeft, failures);

    /// <summary>Gives the app a push queue whose sends go through this policy.</summary>
    public void Install(IServiceCollection services) => services.AddSingleton(sp =>
    {
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new InventoryPushHandOff(
            new QueueServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, queueOptions),
            sp.GetRequiredService<IOptions<InventoryPushOptions>>());
    });

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Fail(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Fail(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Fail(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
            && Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new HttpRequestException("simulated: queue unreachable");
        }
    }
}
