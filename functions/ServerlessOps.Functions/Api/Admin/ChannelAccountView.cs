using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// A channel account as the admin API answers it: everything but secret values. Each secret shows where it lives (a
/// Key Vault URI, or "Local" with no value), whether a previous value is still accepted, and when it was rotated.
/// </summary>
public sealed record ChannelAccountView(
    string BrandId,
    string Channel,
    string AccountId,
    ChannelAccountStatus Status,
    WebhookSettings Webhook,
    string? ShopCipher,
    IReadOnlyDictionary<string, SecretView> Secrets,
    string Etag)
{
    public static ChannelAccountView From(ChannelConnection account, string etag)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ChannelAccountView(
            account.Account.BrandId,
            account.Account.Channel.Slug(),
            account.Account.AccountId,
            account.Status,
            account.Webhook ?? WebhookSettings.None,
            account.ShopCipher,
            account.Secrets.OrderBy(s => s.Key).ToDictionary(s => ChannelConnection.SecretPath(s.Key)["secrets.".Length..], s => SecretView.From(s.Value)),
            etag);
    }
}
