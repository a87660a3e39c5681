using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Ingestion;

internal static partial class DeliveryProcessorLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Delivery {DeliveryKey}: raw blob {BlobName} is missing; message dropped")]
    public static partial void RawDeliveryMissing(this ILogger logger, string deliveryKey, string blobName);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Delivery {DeliveryKey} from {Channel} already {State}; repeat ignored")]
    public static partial void DeliveryAlreadyProcessed(this ILogger logger, string deliveryKey, SalesChannel channel, RawDeliveryState state);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Delivery {DeliveryKey} for brand {BrandId} from {Channel} ({Topic}): {Outcome}")]
    public static partial void DeliveryProcessed(this ILogger logger, string deliveryKey, string brandId, SalesChannel channel, string topic, DeliveryOutcome outcome);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Delivery {DeliveryKey} for brand {BrandId} from {Channel} quarantined: {Reason}")]
    public static partial void DeliveryQuarantined(this ILogger logger, string deliveryKey, string brandId, SalesChannel channel, string reason);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Error, Message = "Delivery {DeliveryKey} gave up after {Attempts} attempts and was quarantined")]
    public static partial void DeliveryGaveUp(this ILogger logger, string deliveryKey, int attempts);

    [LoggerMessage(EventId = 4520, Level = LogLevel.Warning,
        Message = "Delivery {DeliveryKey} for brand {BrandId} from {Channel} is a fact of order {OrderId}, not stored yet; left to the queue's retry")]
    public static partial void FactBeforeOrder(this ILogger logger, string deliveryKey, string brandId, SalesChannel channel, string orderId);
}
