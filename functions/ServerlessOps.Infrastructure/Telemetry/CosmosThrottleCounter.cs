using System.Net;
using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Infrastructure.Telemetry;

/// <summary>
/// A Cosmos request handler that counts 429 answers into <see cref="OperatorMetrics.CosmosThrottled"/>. Custom handlers
/// sit before the SDK's retry handler, so what is counted here is throttling the SDK's own rate-limit retries
/// (<c>Cosmos:MaxRetryAttemptsOnRateLimit</c>) could not absorb: the requests our code saw fail, the ones worth an alert.
/// </summary>
public sealed class CosmosThrottleCounter(OperatorMetrics metrics) : RequestHandler
{
    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            metrics.CosmosThrottled();
        }

        return response;
    }
}
