using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessOps.Durable.AzureStorage.Http;

/// <summary>
/// Azure SDK pipeline policy that counts each request sent, in the manner of Azure/durabletask's
/// <c>MonitoringHttpPipelinePolicy</c>. Added per retry so a retried request counts once per attempt.
/// </summary>
internal sealed class StorageRequestCountingPolicy(StorageRequestCounter counter, StorageService service)
    : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Increment(service);
}
