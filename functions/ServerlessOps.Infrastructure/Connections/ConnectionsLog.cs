using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Connections;

/// <summary>Log events of channel connections, ids 4740-4759: brand, channel, account, who; never a code, a state's MAC, a token or a secret.</summary>
internal static partial class ConnectionsLog
{
    [LoggerMessage(EventId = 4740, Level = LogLevel.Information,
        Message = "{Channel} connection for brand {BrandId} started by {Actor}; the authorisation must come back by {ExpiresAt:O}")]
    internal static partial void ConnectionStarted(this ILogger logger, SalesChannel channel, string brandId, string actor, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4741, Level = LogLevel.Warning,
        Message = "{Channel} authorisation callback refused: {Reason}")]
    internal static partial void StateRefused(this ILogger logger, SalesChannel channel, string reason);

    [LoggerMessage(EventId = 4742, Level = LogLevel.Information,
        Message = "{Channel} account {AccountId} of brand {BrandId} connected (started by {Actor}); token valid until {ExpiresAt:O}")]
    internal static partial void Connected(this ILogger logger, SalesChannel channel, string brandId, string accountId, string actor, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4743, Level = LogLevel.Error,
        Message = "{Channel} account {AccountId} of brand {BrandId}: its tokens are stored but the registry could not be updated; fix the account through the admin API")]
    internal static partial void RegistryUpdateFailed(this ILogger logger, SalesChannel channel, string brandId, string accountId, Exception exception);

    [LoggerMessage(EventId = 4744, Level = LogLevel.Warning,
        Message = "{Channel} account {AccountId} of brand {BrandId}: the channel-authorization-revoked alert could not be cleared")]
    internal static partial void AlertClearFailed(this ILogger logger, SalesChannel channel, string brandId, string accountId, Exception exception);
}
