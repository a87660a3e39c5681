using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// <see cref="IChannelApiCredentialSource"/> from the registry cache: the account's current <c>access-token</c>, and for
/// TikTok Shop its app key, current <c>app-secret</c> and shop cipher. A read of memory, so a rotation reaches outbound
/// calls as soon as the cache has it. The app replaces it with Tokens/TokenChannelApiCredentialSource, which obtains tokens.
/// </summary>
public sealed class RegistryChannelApiCredentialSource(BrandDirectoryCache cache) : IChannelApiCredentialSource
{
    public ValueTask<ChannelApiCredential> GetAsync(ChannelAccount account, CancellationToken cancellationToken = default) => ValueTask.FromResult(Get(account));

    private ChannelApiCredential Get(ChannelAccount account)
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

        var accessToken = Required(resolved, SecretKind.AccessToken, where, route);
        if (account.Channel != SalesChannel.TikTokShop)
        {
            return new ChannelApiCredential(accessToken);
        }

        var appKey = resolved.Connection.Webhook?.AppKey
            ?? throw new ChannelApiCredentialMissingException($"The {where} has no app key (webhook.appKey) in the brand registry ({route}).");
        return new ChannelApiCredential(accessToken, appKey, Required(resolved, SecretKind.AppSecret, where, route), resolved.Connection.ShopCipher);
    }

    private static string Required(ResolvedAccount account, SecretKind kind, string where, string route) =>
        account.Current(kind)
        ?? throw new ChannelApiCredentialMissingException(
            $"The {where} has no usable {kind.Slug()} in the brand registry (unset, or its Key Vault reference did not resolve); " +
            $"the {account.Connection.Account.Channel} API cannot be called without it ({route}).");
}
