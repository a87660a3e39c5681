using Microsoft.Extensions.Configuration;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Reads outbound credentials from the brand layout of SETTINGS.md:
/// <c>Brands:{brandId}:Accounts:{n}:Channel|AccountId|AccessToken|AppKey|Secret|ShopCipher</c>. The account is
/// matched on channel and account id (case-insensitive); TikTok's app secret is the account's <c>Secret</c>, the
/// same one its webhooks are signed with. Read on every call, so a reloaded or rotated value applies at once.
/// </summary>
public sealed class ConfigurationChannelApiCredentialSource : IChannelApiCredentialSource
{
    private readonly IConfiguration _configuration;

    public ConfigurationChannelApiCredentialSource(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
    }

    public ValueTask<ChannelApiCredential> GetAsync(ChannelAccount account, CancellationToken cancellationToken = default) => ValueTask.FromResult(Get(account));

    private ChannelApiCredential Get(ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var accounts = _configuration.GetSection("Brands").GetSection(account.BrandId).GetSection("Accounts");
        foreach (var entry in accounts.GetChildren())
        {
            if (!Enum.TryParse<SalesChannel>(entry["Channel"], ignoreCase: true, out var channel)
                || channel != account.Channel
                || !string.Equals(entry["AccountId"]?.Trim(), account.AccountId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var path = $"Brands:{account.BrandId}:Accounts:{entry.Key}";
            var accessToken = Required(entry, "AccessToken", path);
            if (account.Channel != SalesChannel.TikTokShop)
            {
                return new ChannelApiCredential(accessToken);
            }

            return new ChannelApiCredential(
                accessToken,
                Required(entry, "AppKey", path),
                Required(entry, "Secret", path),
                NullIfEmpty(entry["ShopCipher"]));
        }

        throw new ChannelApiCredentialMissingException(
            $"No account {account.Channel}/{account.AccountId} under Brands:{account.BrandId}:Accounts; " +
            "outbound calls need its Channel, AccountId and AccessToken settings.");
    }

    private static string Required(IConfigurationSection entry, string key, string path) =>
        NullIfEmpty(entry[key])
        ?? throw new ChannelApiCredentialMissingException($"{path}:{key} is not set; the {entry["Channel"]} API cannot be called without it.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
