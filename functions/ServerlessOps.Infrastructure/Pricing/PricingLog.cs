using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Pricing;

internal static partial class PricingLog
{
    [LoggerMessage(EventId = 4980, Level = LogLevel.Warning,
        Message = "Observed price {Price} on {Channel} for brand {BrandId} SKU {Sku} ({Source}) is below the floor {Floor}; money at stake per day {MoneyPerDay}")]
    internal static partial void ObservedBelowFloor(this ILogger logger, SalesChannel channel, string brandId, string sku, decimal price, decimal floor, decimal? moneyPerDay, string source);

    [LoggerMessage(EventId = 4981, Level = LogLevel.Information,
        Message = "Observed price on {Channel} for brand {BrandId} (SKU {Sku}, item {ChannelItemId}) not checked: {Reason}")]
    internal static partial void ObservationSkipped(this ILogger logger, SalesChannel channel, string brandId, string? sku, string? channelItemId, string reason);

    [LoggerMessage(EventId = 4982, Level = LogLevel.Warning,
        Message = "Price {Price} for brand {BrandId} SKU {Sku} pushed below the guardrail by {By} on {Channels}: {Reason}")]
    internal static partial void OverrideRecorded(this ILogger logger, string brandId, string sku, decimal price, string by, string channels, string reason);

    [LoggerMessage(EventId = 4983, Level = LogLevel.Warning,
        Message = "Price push of {Price} to {Channel} listing {ChannelSku} of brand {BrandId} failed: {Error}")]
    internal static partial void PricePushFailed(this ILogger logger, SalesChannel channel, string channelSku, string brandId, decimal price, string error);

    [LoggerMessage(EventId = 4984, Level = LogLevel.Information,
        Message = "Price {Price} pushed to {Channel} listing {ChannelSku} of brand {BrandId} (request id {RequestId})")]
    internal static partial void PricePushed(this ILogger logger, SalesChannel channel, string channelSku, string brandId, decimal price, string? requestId);

    [LoggerMessage(EventId = 4985, Level = LogLevel.Warning,
        Message = "Guarding an observed price of brand {BrandId} on {Channel} failed; the observation stays recorded: {Error}")]
    internal static partial void GuardFailed(this ILogger logger, string brandId, SalesChannel channel, string error);

    [LoggerMessage(EventId = 4986, Level = LogLevel.Warning,
        Message = "Open price alerts of {Channel} listing of brand {BrandId} SKU {Sku} not resolved after the price set by {By}; they stay open: {Error}")]
    internal static partial void PriceAlertsNotResolved(this ILogger logger, SalesChannel channel, string brandId, string sku, string by, string error);

    [LoggerMessage(EventId = 4987, Level = LogLevel.Warning,
        Message = "Price set on {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku} not recorded as its newest price fact; a late older webhook may reopen its alerts: {Error}")]
    internal static partial void PriceFactNotRecorded(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, string error);

    [LoggerMessage(EventId = 4988, Level = LogLevel.Information,
        Message = "Price set of brand {BrandId} SKU {Sku} by {By} refused before anything was pushed: it named version(s) {IfMatch}, the current one is {Current}")]
    internal static partial void PriceSetStale(this ILogger logger, string brandId, string sku, string by, string ifMatch, string current);

    [LoggerMessage(EventId = 4989, Level = LogLevel.Warning,
        Message = "Prices set on brand {BrandId} SKU {Sku} by {By} not recorded in its price version; the GET shows them once a channel's webhook does: {Error}")]
    internal static partial void PriceVersionNotRecorded(this ILogger logger, string brandId, string sku, string by, string error);
}
