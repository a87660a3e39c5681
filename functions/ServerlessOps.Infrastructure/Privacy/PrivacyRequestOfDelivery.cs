using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>
/// The recorded privacy request a stored Shopify privacy delivery carries, found by the id the processor gives it
/// (<see cref="PrivacyRequestIds"/>: from what is asked, not from the delivery), so a quarantined copy of a request that
/// Shopify sent again and another copy completed can be told from one never recorded. A redacted body still names it:
/// redaction keeps the customer and order ids.
/// </summary>
public sealed class PrivacyRequestOfDelivery(RawDeliveryStore raw, IPrivacyRequestStore requests)
{
    /// <returns>
    /// The request, and whether this copy still holds the buyer's email or phone (a copy the request's run did not reach);
    /// null when the blob is gone, is not a readable privacy request, or its request is not recorded.
    /// </returns>
    public async Task<(PrivacyRequest Request, bool HoldsBuyerContact)?> FindAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var delivery = await raw.GetAsync(blobName, cancellationToken);
        if (delivery is not { Channel: SalesChannel.Shopify } || !ShopifyPrivacyRequestReader.IsPrivacyTopic(delivery.Topic)
            || !JsonCursor.TryParse(delivery.Body, out var body))
        {
            return null;
        }

        PrivacyRequestNotice notice;
        try
        {
            notice = ShopifyPrivacyRequestReader.Read(delivery.Topic, body, delivery.AccountId);
        }
        catch (ChannelPayloadException)
        {
            return null;
        }

        var request = await requests.GetAsync(delivery.BrandId, PrivacyRequestIds.For(delivery.Channel, notice), cancellationToken);
        return request is null ? null : (request.Value, notice.KnownPersonalValues.Count > 0);
    }
}
