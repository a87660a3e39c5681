using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// <see cref="IChannelApiCredentialSource"/> with obtained tokens: the access token from <see cref="ChannelTokenService"/>
/// (refreshed as needed), or, for an account never connected, the <c>access-token</c> entered in the registry; for TikTok
/// Shop also the app key (the account's, else <c>ChannelApps:TikTokShop:AppKey</c>), the <c>app-secret</c> (likewise)
/// and the shop cipher. Disconnected and unknown accounts are refused, as by the registry's own source.
/// </summary>
public sealed class TokenChannelApiCredentialSource(BrandDirectoryCache cache, ChannelTokenService tokens, IOptionsMonitor<ChannelAppOptions> apps)
    : IChannelApiCredentialSource
{
    public async ValueTask<ChannelApiCredential> GetAsync(ChannelAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var where = $"{account.Channel} account '{account.AccountId}' of brand '{account.BrandId}'";
        var route = $"/api/brands/{account.BrandId}/accounts/{account.Channel.Slug()}/{account.AccountId}";
        if (!cache.Snapshot.TryGetAccount(account.Channel, account.AccountId, out var resolved)
            || !string.Equals(resolved.Connection.Account.BrandId, account.BrandId, StringComparison.Ordinal))
        {
            throw new ChannelApiCredentialMissingException($"No {where} in the brand registry; outbound calls need it registered ({route}).");
        }

        if (resolved.Connection.Status == ChannelAccountStatus.Disconnected)
        {
            throw new ChannelApiCredentialMissingException($"The {where} is disconnected in the brand registry: nothing is called on its behalf.");
        }

        var token = await tokens.GetAsync(account, cancellationToken);
        var accessToken = token?.Value
            ?? resolved.Current(SecretKind.AccessToken)
            ?? throw new ChannelApiCredentialMissingException(
                $"The {where} has no access token: connect it (POST /api/brands/{account.BrandId}/connections/{account.Channel.Slug()}" +
                (account.Channel == SalesChannel.Walmart ? ", after entering its client-id and client-secret" : string.Empty) +
                $") or enter an access-token ({route}).");
        if (account.Channel != SalesChannel.TikTokShop)
        {
            return new ChannelApiCredential(accessToken);
        }

        var app = apps.CurrentValue.TikTokShop;
        var appKey = NullIfBlank(resolved.Connection.Webhook?.AppKey) ?? NullIfBlank(app.AppKey)
            ?? throw new ChannelApiCredentialMissingException($"The {where} has no app key (webhook.appKey, or ChannelApps:TikTokShop:AppKey) ({route}).");
        var appSecret = resolved.Current(SecretKind.AppSecret) ?? NullIfBlank(app.AppSecret)
            ?? throw new ChannelApiCredentialMissingException($"The {where} has no usable app-secret (nor ChannelApps:TikTokShop:AppSecret); its calls cannot be signed ({route}).");
        return new ChannelApiCredential(accessToken, appKey, appSecret, resolved.Connection.ShopCipher);
    }

    /// <summary>
    /// The token service's renewal of the refused token (<see cref="ChannelTokenService.RenewRejectedAsync"/>); null for an
    /// account unknown, disconnected or never connected (its entered access token is the only one there is).
    /// </summary>
    public async ValueTask<string?> RenewRejectedAsync(SalesChannel channel, string accountId, string rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        if (!cache.Snapshot.TryGetAccount(channel, accountId, out var resolved) || resolved.Connection.Status == ChannelAccountStatus.Disconnected)
        {
            return null;
        }

        return (await tokens.RenewRejectedAsync(resolved.Connection.Account, rejectedAccessToken, cancellationToken))?.Value;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
