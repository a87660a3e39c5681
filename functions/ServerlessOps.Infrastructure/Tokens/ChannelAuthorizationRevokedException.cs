using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// The account's authorisation was revoked (its token document says so, since the channel refused the refresh
/// token): nothing is called on its behalf until the seller authorises the app again. Thrown at once, without a
/// token call, so a revoked account cannot cause a retry storm. A permanent <see cref="ChannelApiException"/>:
/// a delivery that needs the account is quarantined with this message and replayed after the reconnection.
/// </summary>
public sealed class ChannelAuthorizationRevokedException : ChannelApiException
{
    public ChannelAuthorizationRevokedException(ChannelAccount account, string reason, DateTimeOffset revokedAt)
        : base(account?.Channel ?? default, "token refresh", null, null, Describe(account, reason, revokedAt))
    {
        Account = account;
        RevokedAt = revokedAt;
    }

    public ChannelAuthorizationRevokedException()
    {
    }

    public ChannelAuthorizationRevokedException(string message)
        : base(message)
    {
    }

    public ChannelAuthorizationRevokedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ChannelAccount? Account { get; }

    public DateTimeOffset? RevokedAt { get; }

    /// <summary>What the account's people must do to mend it, per channel.</summary>
    public static string ReconnectHint(ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Channel == SalesChannel.Walmart
            ? $"enter the account's new client id and secret (PUT /api/brands/{account.BrandId}/accounts/walmart/{account.AccountId}) and verify them " +
              $"(POST /api/brands/{account.BrandId}/connections/walmart/{account.AccountId}/verify)"
            : $"the seller authorises the app again (POST /api/brands/{account.BrandId}/connections/{account.Channel.Slug()})";
    }

    private static string Describe(ChannelAccount? account, string reason, DateTimeOffset revokedAt) =>
        account is null
            ? $"A channel account needs re-authorisation ({reason})."
            : $"The {account.Channel} account '{account.AccountId}' of brand '{account.BrandId}' needs re-authorisation: {account.Channel} refused its " +
              $"authorisation at {revokedAt:u} ({reason}). Nothing is called on its behalf until {ReconnectHint(account)}; then replay what was quarantined meanwhile.";
}
