using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>Log events of the connection routes, ids 1750-1799: channel, brand, account and why; never a code, a state, a token or a credential.</summary>
internal static partial class ConnectionsLog
{
    [LoggerMessage(EventId = 1750, Level = LogLevel.Warning,
        Message = "{Channel} authorisation request refused: {Reason}")]
    internal static partial void CallbackRefused(this ILogger logger, SalesChannel channel, string reason);

    [LoggerMessage(EventId = 1751, Level = LogLevel.Warning,
        Message = "{Channel} authorisation for brand {BrandId} failed at the code exchange: {Reason}")]
    internal static partial void CodeExchangeFailed(this ILogger logger, SalesChannel channel, string brandId, string reason);

    [LoggerMessage(EventId = 1752, Level = LogLevel.Warning,
        Message = "Walmart token request for partner {AccountId} refused: {Reason}")]
    internal static partial void WalmartTokenRefused(this ILogger logger, string accountId, string reason);

    [LoggerMessage(EventId = 1753, Level = LogLevel.Information,
        Message = "Walmart token issued to partner {AccountId} of brand {BrandId}, valid until {ExpiresAt:O}")]
    internal static partial void WalmartTokenIssued(this ILogger logger, string accountId, string brandId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1754, Level = LogLevel.Information,
        Message = "Shopify install of {Shop} sent to authorise for brand {BrandId}")]
    internal static partial void ShopifyInstallRedirected(this ILogger logger, string shop, string brandId);
}
