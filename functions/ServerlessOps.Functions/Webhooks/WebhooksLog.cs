using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Webhooks;

internal static partial class WebhooksLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Delivery {DeliveryKey} for brand {BrandId} from {Channel} ({DeliveryId}, {Topic}) stored")]
    public static partial void DeliveryAccepted(this ILogger logger, string deliveryKey, string brandId, SalesChannel channel, string deliveryId, string topic);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Delivery from {Channel} rejected ({Kind}): {Detail}")]
    public static partial void DeliveryRejected(this ILogger logger, SalesChannel channel, RejectionKind kind, string detail);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Delivery from {Channel} names unknown account {AccountId}")]
    public static partial void UnknownAccount(this ILogger logger, SalesChannel channel, string accountId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Delivery from {Channel} for brand {BrandId} account {AccountId} failed authentication")]
    public static partial void AuthenticationFailed(this ILogger logger, SalesChannel channel, string brandId, string accountId);

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "Delivery from {Channel} for brand {BrandId} account {AccountId} refused: the account is {Status} in the brand registry")]
    public static partial void AccountNotAccepting(this ILogger logger, SalesChannel channel, string brandId, string accountId, string status);
}
