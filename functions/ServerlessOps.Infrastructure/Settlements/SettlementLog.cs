using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Settlements;

internal static partial class SettlementLog
{
    [LoggerMessage(EventId = 4954, Level = LogLevel.Warning,
        Message = "Settlements of {Channel} account {AccountId} (brand {BrandId}): {Events} events in {EventList}, which this import does not read; the payouts holding them cannot be checked")]
    public static partial void EventsNotRead(this ILogger logger, SalesChannel channel, string accountId, string brandId, int events, string eventList);

    [LoggerMessage(EventId = 4955, Level = LogLevel.Warning,
        Message = "Settlement import of {Channel} account {AccountId} (brand {BrandId}) wrote nothing: {Reason}")]
    public static partial void AccountFailed(this ILogger logger, SalesChannel channel, string accountId, string brandId, string reason);

    [LoggerMessage(EventId = 4956, Level = LogLevel.Information,
        Message = "Settlements of {Channel} account {AccountId} (brand {BrandId}): {Imported} new lines, {Again} already imported, {Orders} orders' fees written, {Pending} orders pending")]
    public static partial void AccountImported(this ILogger logger, SalesChannel channel, string accountId, string brandId, int imported, int again, int orders, int pending);

    [LoggerMessage(EventId = 4957, Level = LogLevel.Warning,
        Message = "Payout {PayoutId} of {Channel} account {AccountId} (brand {BrandId}) differs from its rows by {Difference} {Currency}")]
    public static partial void PayoutMismatch(this ILogger logger, string payoutId, SalesChannel channel, string accountId, string brandId, decimal difference, string currency);

    [LoggerMessage(EventId = 4958, Level = LogLevel.Warning,
        Message = "Settlement fees of order {OrderId} (brand {BrandId}) stay pending: {Reason}")]
    public static partial void OrderNotApplied(this ILogger logger, string orderId, string brandId, string reason);

    [LoggerMessage(EventId = 4959, Level = LogLevel.Warning,
        Message = "Settlement import of {Channel} account {AccountId} (brand {BrandId}) left orders pending: {Reason}")]
    public static partial void AccountIncomplete(this ILogger logger, SalesChannel channel, string accountId, string brandId, string reason);
}
