using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// Fails a queue client's next requests of one kind on a queue's messages (POST …/messages: a send, GET: a receive) with
/// the exception a broken network gives; lets every other request through. Added to a client's options per call.
/// </summary>
internal sealed class FailingQueueRequests(RequestMethod method, int failures, Func<Exception> failure) : HttpPipelinePolicy
{
    private int _failuresLeft = failures;

    public int FailuresLeft => Math.Max(0, Volatile.Read(ref _failuresLeft));

    /// <summary>Sends failing as an unreachable queue's do.</summary>
    public static FailingQueueRequests Sends(int failures) =>
        new(RequestMethod.Post, failures, () => new HttpRequestException("simulated: queue unreachable"));

    /// <summary>Receives failing as a network timeout does.</summary>
    public static FailingQueueRequests Receives(int failures) =>
        new(RequestMethod.Get, failures, () => new TaskCanceledException("simulated: the operation exceeded the configured network timeout"));

    public void Arm(int failures) => Volatile.Write(ref _failuresLeft, failures);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfMatching(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfMatching(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void FailIfMatching(HttpMessage message)
    {
        if (message.Request.Method == method && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
            && Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw failure();
        }
    }
}
