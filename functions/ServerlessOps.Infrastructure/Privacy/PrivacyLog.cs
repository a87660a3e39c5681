using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>
/// Log events of privacy requests: ids 4960-4969. Ids and counts only (brand, request, delivery, customer and order ids
/// are not personal data); never an email, phone, name, address or any value erased or exported.
/// </summary>
internal static partial class PrivacyLog
{
    [LoggerMessage(EventId = 4960, Level = LogLevel.Information,
        Message = "Privacy request {RequestId} ({Kind}) of brand {BrandId} received in delivery {DeliveryKey}; due by {DueBy:O}")]
    internal static partial void RequestReceived(this ILogger logger, string requestId, PrivacyRequestKind kind, string brandId, string deliveryKey, DateTimeOffset dueBy);

    [LoggerMessage(EventId = 4961, Level = LogLevel.Information,
        Message = "Privacy request {RequestId} ({Kind}) of brand {BrandId} completed: {OrdersRedacted} order(s) redacted, {OrdersExported} exported, {RawDeliveries} raw deliveries, {FieldsErased} field(s) erased, {OrdersNotFound} named order(s) not held")]
    internal static partial void RequestCompleted(
        this ILogger logger, string requestId, PrivacyRequestKind kind, string brandId, int ordersRedacted, int ordersExported, int rawDeliveries, int fieldsErased, int ordersNotFound);

    [LoggerMessage(EventId = 4962, Level = LogLevel.Information,
        Message = "Privacy request {RequestId} of brand {BrandId} delivered again in {DeliveryKey}; it was completed at {CompletedAt:O}, nothing more to do")]
    internal static partial void RequestRepeated(this ILogger logger, string requestId, string brandId, string deliveryKey, DateTimeOffset completedAt);

    [LoggerMessage(EventId = 4963, Level = LogLevel.Warning,
        Message = "Privacy request {RequestId} of brand {BrandId} completed after its due date {DueBy:O}")]
    internal static partial void RequestLate(this ILogger logger, string requestId, string brandId, DateTimeOffset dueBy);
}
