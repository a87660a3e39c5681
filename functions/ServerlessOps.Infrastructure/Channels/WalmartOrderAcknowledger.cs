using System.Net;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Acknowledges a Walmart purchase order: <c>POST /v3/orders/{purchaseOrderId}/acknowledge</c>, with the same headers and
/// token as the order read (<see cref="WalmartOrderReader"/>) and through the same resilience pipeline: Walmart lets an
/// acknowledged order be acknowledged again, so retrying the call is safe. What is still failing after the retries
/// surfaces as <see cref="ChannelApiUnavailableException"/> (429, 5xx, no answer) or <see cref="ChannelApiException"/>.
/// </summary>
public sealed class WalmartOrderAcknowledger(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<WalmartOrderAcknowledger> logger)
    : IOrderAcknowledger
{
    private const string Operation = "POST /v3/orders/{purchaseOrderId}/acknowledge";

    public async Task<AcknowledgementAnswer> AcknowledgeAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalOrderId);
        if (account.Channel != SalesChannel.Walmart)
        {
            throw new ArgumentException($"Only Walmart orders are acknowledged here, not {account.Channel}.", nameof(account));
        }

        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var (request, requestIdOf) = WalmartRequest.Create(HttpMethod.Post, $"v3/orders/{Uri.EscapeDataString(externalOrderId)}/acknowledge", token, account.AccountId);
        using var _ = request;
        try
        {
            await ChannelApiCall.SendAsync(httpClient, request, SalesChannel.Walmart, Operation, externalOrderId, requestIdOf, logger, cancellationToken);
        }
        catch (ChannelApiException refused) when (IsLasting(refused))
        {
            // Walmart refuses an order it does not know, or one with a line already shipped or cancelled: an answer the
            // order's next change explains, not an outage to retry.
            return AcknowledgementAnswer.Refused(refused.Message);
        }

        logger.OrderAcknowledged(SalesChannel.Walmart, externalOrderId, account.BrandId, account.AccountId);
        return AcknowledgementAnswer.Taken;
    }

    private static bool IsLasting(ChannelApiException refused) =>
        refused is not ChannelApiUnavailableException
        && refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity;
}
