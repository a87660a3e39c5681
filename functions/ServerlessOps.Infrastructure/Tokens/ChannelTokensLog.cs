using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>Log events of outbound tokens, ids 4700-4739: channel, brand, account, expiry and counts; never a token, a secret or a token endpoint's URL.</summary>
internal static partial class ChannelTokensLog
{
    [LoggerMessage(EventId = 4700, Level = LogLevel.Debug,
        Message = "{Channel} account {AccountId} of brand {BrandId}: token read from the store, valid until {ExpiresAt:O}")]
    internal static partial void TokenReadFromStore(this ILogger logger, SalesChannel channel, string brandId, string accountId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4701, Level = LogLevel.Information,
        Message = "{Channel} account {AccountId} of brand {BrandId}: token obtained ({Grant}, refresh token rotated: {Rotated}), valid until {ExpiresAt:O}; refresh {RefreshCount} of this connection")]
    internal static partial void TokenRefreshed(this ILogger logger, SalesChannel channel, string brandId, string accountId, TokenGrantKind grant, bool rotated, DateTimeOffset expiresAt, long refreshCount);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Debug,
        Message = "{Channel} account {AccountId} of brand {BrandId}: instance {Holder} is refreshing (lease until {Until:O}); waiting for its token")]
    internal static partial void WaitingForRefresh(this ILogger logger, SalesChannel channel, string brandId, string accountId, string holder, DateTimeOffset until);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Warning,
        Message = "{Channel} account {AccountId} of brand {BrandId}: the refresh lease of {Holder} lapsed at {Until:O}; taking the refresh over")]
    internal static partial void LeaseTakenOver(this ILogger logger, SalesChannel channel, string brandId, string accountId, string holder, DateTimeOffset until);

    [LoggerMessage(EventId = 4704, Level = LogLevel.Error,
        Message = "{Channel} account {AccountId} of brand {BrandId} needs re-authorisation: the channel refused its grant ({Reason}); no further token calls until it is connected again")]
    internal static partial void GrantRevoked(this ILogger logger, SalesChannel channel, string brandId, string accountId, string reason);

    [LoggerMessage(EventId = 4705, Level = LogLevel.Warning,
        Message = "{Channel} account {AccountId} of brand {BrandId}: the token obtained could not be stored (attempt {Attempt})")]
    internal static partial void TokenStoreFailed(this ILogger logger, SalesChannel channel, string brandId, string accountId, int attempt, Exception exception);

    [LoggerMessage(EventId = 4706, Level = LogLevel.Information,
        Message = "{Channel} account {AccountId} of brand {BrandId}: the token document changed while refreshing (lease lost or reconnected); reading it again")]
    internal static partial void RefreshSuperseded(this ILogger logger, SalesChannel channel, string brandId, string accountId);

    [LoggerMessage(EventId = 4707, Level = LogLevel.Warning,
        Message = "{Channel} token endpoint {Operation} unavailable: {Reason}")]
    internal static partial void TokenEndpointUnavailable(this ILogger logger, SalesChannel channel, string operation, string reason);

    [LoggerMessage(EventId = 4708, Level = LogLevel.Error,
        Message = "{Channel} token endpoint {Operation} refused with {StatusCode}: {Error}")]
    internal static partial void TokenEndpointRefused(this ILogger logger, SalesChannel channel, string operation, int statusCode, string error);

    [LoggerMessage(EventId = 4709, Level = LogLevel.Error,
        Message = "{Channel} account {AccountId} of brand {BrandId} could not be marked as needing re-authorisation in the registry")]
    internal static partial void RegistryMarkFailed(this ILogger logger, SalesChannel channel, string brandId, string accountId, Exception exception);

    [LoggerMessage(EventId = 4710, Level = LogLevel.Error,
        Message = "{Channel} account {AccountId} of brand {BrandId}: the channel-authorization-revoked alert could not be raised")]
    internal static partial void AlertRaiseFailed(this ILogger logger, SalesChannel channel, string brandId, string accountId, Exception exception);

    [LoggerMessage(EventId = 4711, Level = LogLevel.Warning,
        Message = "Token call {Path} failed ({Outcome}); retry {Attempt} in {DelayMilliseconds} ms")]
    internal static partial void TokenCallRetrying(this ILogger logger, string path, string outcome, int attempt, long delayMilliseconds);

    [LoggerMessage(EventId = 4712, Level = LogLevel.Debug,
        Message = "{Channel} account {AccountId} of brand {BrandId}: refresh lease released after a failed refresh")]
    internal static partial void LeaseReleased(this ILogger logger, SalesChannel channel, string brandId, string accountId);

    [LoggerMessage(EventId = 4713, Level = LogLevel.Information,
        Message = "{Channel} account {AccountId} of brand {BrandId} marked as needing re-authorisation in the registry")]
    internal static partial void MarkedNeedsReauthorisation(this ILogger logger, SalesChannel channel, string brandId, string accountId);

    [LoggerMessage(EventId = 4714, Level = LogLevel.Information,
        Message = "{Channel} account {AccountId} of brand {BrandId}: the channel refused the access token before it expired; renewed, valid until {ExpiresAt:O}")]
    internal static partial void RefusedTokenRenewed(this ILogger logger, SalesChannel channel, string brandId, string accountId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4715, Level = LogLevel.Warning,
        Message = "{Channel} account {AccountId} of brand {BrandId}: the channel refused the access token obtained after its last refusal too; not renewed again within {RecheckInterval} (the token is not what it refuses)")]
    internal static partial void RenewedTokenRefused(this ILogger logger, SalesChannel channel, string brandId, string accountId, TimeSpan recheckInterval);
}
