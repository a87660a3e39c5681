namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>Summaries of the notifications that are only recorded; they name ids and states, never buyer data.</summary>
public static class AmazonNotices
{
    public static ChannelNotice For(AmazonDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        switch (delivery.Type)
        {
            case AmazonNotificationTypes.PricingHealth:
                var issue = payload.Optional("issueType")?.GetString() ?? "unknown issue";
                var offer = payload.Optional("merchantOffer");
                var asin = offer?.Optional("asin")?.GetString() ?? "unknown ASIN";
                var sku = offer?.Optional("sku")?.GetString();
                return new ChannelNotice($"Pricing health: {issue} for {asin}{(sku is null ? string.Empty : $" (SKU {sku})")}");
            case AmazonNotificationTypes.FulfillmentOrderStatus:
                var status = payload.Optional("FulfillmentOrderStatusNotification") ?? payload;
                var fulfillmentOrderId = status.Optional("SellerFulfillmentOrderId")?.GetString() ?? "unknown";
                var state = status.OptionalAny("FulfillmentOrderStatus", "EventType")?.GetString() ?? "changed";
                return new ChannelNotice($"Multi-channel fulfilment order {fulfillmentOrderId}: {state}");
            case AmazonNotificationTypes.ReportProcessingFinished:
                var report = payload.Optional("reportProcessingFinishedNotification") ?? payload;
                return new ChannelNotice(
                    $"Report {report.Optional("reportId")?.GetString() ?? "unknown"} ({report.Optional("reportType")?.GetString() ?? "unknown type"}): " +
                    $"{report.Optional("processingStatus")?.GetString() ?? "finished"}");
            case AmazonNotificationTypes.FeedProcessingFinished:
                var feed = payload.Optional("feedProcessingFinishedNotification") ?? payload;
                return new ChannelNotice(
                    $"Feed {feed.Optional("feedId")?.GetString() ?? "unknown"} ({feed.Optional("feedType")?.GetString() ?? "unknown type"}): " +
                    $"{feed.Optional("processingStatus")?.GetString() ?? "finished"}");
            default:
                return new ChannelNotice($"Amazon {delivery.Type}");
        }
    }
}
