using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// Records every request the Durable engine's storage clients send, in the order sent (method and unescaped path with
/// query), so a test can tell what a start cost before its start message went out. Sits in the engine's blob, queue and
/// table pipelines (<c>ConfigureStandaloneDurableStorageClients</c>).
/// </summary>
internal sealed class EngineStorageRequests : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(RequestMethod Method, string Target)> _sent = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var uri = message.Request.Uri.ToUri();
        _sent.Enqueue((message.Request.Method, Uri.UnescapeDataString(uri.AbsolutePath + uri.Query)));
    }

    /// <summary>
    /// Reads of <paramref name="instanceId"/>'s row in the task hub's Instances table sent before the first message to a
    /// control queue (a start's ExecutionStarted goes there before the engine can run anything of the instance).
    /// </summary>
    public int InstanceReadsBeforeFirstControlMessage(string instanceId) =>
        _sent.TakeWhile(r => !(r.Method == RequestMethod.Post && r.Target.Contains("-control-", StringComparison.Ordinal)))
            .Count(r => r.Method == RequestMethod.Get && r.Target.Contains("Instances", StringComparison.Ordinal) && r.Target.Contains(instanceId, StringComparison.Ordinal));
}
