using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>Inventory push events, ids 4930-4949. Never a token or a response body.</summary>
internal static partial class InventoryPushLog
{
    [LoggerMessage(EventId = 4930, Level = LogLevel.Information,
        Message = "Pushed {Quantity} to {Channel} listing {ChannelSku} of {BrandId}/{Sku} (was {Previous}; request id {RequestId}; {Why})")]
    internal static partial void Pushed(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, int quantity, int? previous, string? requestId, string why);

    [LoggerMessage(EventId = 4931, Level = LogLevel.Debug,
        Message = "{Channel} listing {ChannelSku} of {BrandId}/{Sku} already shows {Quantity}; nothing pushed")]
    internal static partial void Unchanged(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, int quantity);

    [LoggerMessage(EventId = 4932, Level = LogLevel.Warning,
        Message = "Push of {Quantity} to {Channel} listing {ChannelSku} of {BrandId}/{Sku} failed ({Failures} in a row): {Reason}; left dirty, next attempt in {RetryDelay}")]
    internal static partial void PushFailed(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, int quantity, int failures, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = 4933, Level = LogLevel.Information,
        Message = "{Channel} account {AccountId} of {BrandId} is paused: listing {ChannelSku} of {Sku} waits for the resume")]
    internal static partial void Parked(this ILogger logger, SalesChannel channel, string accountId, string brandId, string channelSku, string sku);

    [LoggerMessage(EventId = 4934, Level = LogLevel.Warning,
        Message = "Drop to zero of {Channel} listing {ChannelSku} of {BrandId}/{Sku} held for confirmation (mass-drop brake)")]
    internal static partial void DropHeld(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku);

    [LoggerMessage(EventId = 4935, Level = LogLevel.Warning,
        Message = "{Channel} listing {ChannelSku} of {BrandId}/{Sku} not pushed: {Reason}")]
    internal static partial void NotPushable(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, string reason);

    [LoggerMessage(EventId = 4936, Level = LogLevel.Information,
        Message = "Shopify refused changeFromQuantity {Previous} for listing {ChannelSku} of {BrandId}/{Sku} (COMPARE_QUANTITY_STALE: edited on the channel); pushing the truth without the compare")]
    internal static partial void CompareStale(this ILogger logger, string channelSku, string brandId, string sku, int? previous);

    [LoggerMessage(EventId = 4937, Level = LogLevel.Information,
        Message = "Pushes of {Channel} account {AccountId} of {BrandId} {Action} by {By}; {Waiting} listings queued")]
    internal static partial void ControlChanged(this ILogger logger, SalesChannel channel, string accountId, string brandId, string action, string by, int waiting);

    [LoggerMessage(EventId = 4938, Level = LogLevel.Information,
        Message = "{Count} held drops to zero of {BrandId} confirmed by {By}")]
    internal static partial void HoldConfirmed(this ILogger logger, string brandId, int count, string by);

    [LoggerMessage(EventId = 4939, Level = LogLevel.Warning,
        Message = "{Channel} {Operation} for listing {Listing} failed: {Reason} (request id {RequestId})")]
    internal static partial void CallFailed(this ILogger logger, SalesChannel channel, string operation, string listing, string reason, string? requestId);

    [LoggerMessage(EventId = 4940, Level = LogLevel.Warning,
        Message = "{Channel} listing {ChannelSku} of {BrandId}/{Sku} owed a push with nothing queued (dirty {Dirty}, last queued {QueuedAt}, claimed {PushingSince}): its message was lost; queued again")]
    internal static partial void LostPushRequeued(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, DateTimeOffset? queuedAt, DateTimeOffset? pushingSince, bool dirty);

    [LoggerMessage(EventId = 4941, Level = LogLevel.Warning,
        Message = "Push to {Channel} listing {ChannelSku} of {BrandId}/{Sku} outlived its claim and was taken over by another worker (it put {Pushed} on the channel); its result is not recorded as the truth, a fresh push follows")]
    internal static partial void ClaimTakenOver(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, int? pushed);

    [LoggerMessage(EventId = 4942, Level = LogLevel.Information,
        Message = "{Channel} listing {ChannelSku} of {BrandId}/{Sku}: the kept catalog item has it at {KeptLocation}, an import since at {ImportedLocation}; item read again")]
    internal static partial void CatalogReadAgain(this ILogger logger, SalesChannel channel, string channelSku, string brandId, string sku, string? keptLocation, string importedLocation);
}
