using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Drift;

internal static partial class DriftLog
{
    [LoggerMessage(EventId = 4970, Level = LogLevel.Information,
        Message = "Drift first seen on {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku}: channel shows {ChannelQuantity}, we last pushed {Expected}")]
    internal static partial void DriftFirstSeen(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, int channelQuantity, int expected);

    [LoggerMessage(EventId = 4971, Level = LogLevel.Warning,
        Message = "Drift repaired on {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku}: channel showed {ChannelQuantity} on two reads, we had pushed {Expected}; push outcome {Outcome}, pushed {Pushed}")]
    internal static partial void DriftRepaired(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, int channelQuantity, int expected, string outcome, int? pushed);

    [LoggerMessage(EventId = 4972, Level = LogLevel.Information,
        Message = "Drift on {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku} converged by itself before a second read")]
    internal static partial void DriftConverged(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku);

    [LoggerMessage(EventId = 4973, Level = LogLevel.Warning,
        Message = "Read-back of {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku} failed: {Reason}")]
    internal static partial void ReadFailed(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, string reason);

    [LoggerMessage(EventId = 4974, Level = LogLevel.Warning,
        Message = "Price read on {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku} is {Price}, below the floor {Floor}")]
    internal static partial void PriceBelowFloor(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, decimal price, decimal floor);

    [LoggerMessage(EventId = 4975, Level = LogLevel.Information,
        Message = "Drift state of {Channel} listing {ChannelSku} of brand {BrandId} was written by another run first; this run leaves it")]
    internal static partial void LostRace(this ILogger logger, SalesChannel channel, string channelSku, string brandId);

    [LoggerMessage(EventId = 4976, Level = LogLevel.Information,
        Message = "Read-back of {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku} right after a failed push: {Result}")]
    internal static partial void ReadAfterFailedPush(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, string result);

    [LoggerMessage(EventId = 4977, Level = LogLevel.Warning,
        Message = "Read-back of {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku} after a failed push was not made; the next drift run reads it")]
    internal static partial void ReadAfterFailedPushNotMade(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, Exception exception);

    [LoggerMessage(EventId = 4978, Level = LogLevel.Warning,
        Message = "Change never pushed on {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku}: the listing was clean and the channel shows {LastPushed} as we last pushed, but the truth is {Truth}; marked for its push")]
    internal static partial void LostChangeMarked(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, int lastPushed, int truth);

    [LoggerMessage(EventId = 4979, Level = LogLevel.Information,
        Message = "Buffer moved on {Channel} listing {ChannelSku} of brand {BrandId} SKU {Sku} with no ledger change: we last pushed {LastPushed}, the truth is now {Truth}; marked for its push")]
    internal static partial void BufferMoved(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, int lastPushed, int truth);
}
