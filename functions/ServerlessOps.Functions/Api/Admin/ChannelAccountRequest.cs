using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// Body of <c>PUT /api/brands/{brandId}/accounts/{channel}/{accountId}</c>: creates the account, or (with If-Match)
/// replaces its settings. Left out: status Connected on create, otherwise the current value. Secrets by kind
/// (<c>appSecret</c>, <c>webhookSecret</c>, <c>signatureSecret</c>, <c>clientId</c>, <c>clientSecret</c>,
/// <c>accessToken</c>): a kind left out keeps its secret; a kind given a different reference gets it as its only value
/// (to keep the old one accepted meanwhile, rotate instead); a kind set to null is removed.
/// </summary>
public sealed record ChannelAccountRequest
{
    public ChannelAccountStatus? Status { get; init; }

    public WebhookSettings? Webhook { get; init; }

    /// <summary>TikTok Shop's shop_cipher (not secret).</summary>
    public string? ShopCipher { get; init; }

    public IReadOnlyDictionary<string, SecretValueRequest?>? Secrets { get; init; }

    /// <summary>The account this request describes on top of <paramref name="current"/> (null for a new one); field errors in <paramref name="errors"/>.</summary>
    public ChannelConnection ToConnection(ChannelAccount account, ChannelConnection? current, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(errors);
        var secrets = new Dictionary<SecretKind, ChannelSecret>(current?.Secrets ?? new Dictionary<SecretKind, ChannelSecret>());
        foreach (var (name, value) in Secrets ?? new Dictionary<string, SecretValueRequest?>())
        {
            if (!SecretKinds.TryParse(name, out var kind))
            {
                errors.Add(new FieldError($"secrets.{name}", $"Unknown secret kind; {account.Channel} accounts hold {string.Join(", ", SecretKinds.For(account.Channel).Select(ChannelConnection.SecretPath))}."));
                continue;
            }

            if (value is null)
            {
                secrets.Remove(kind);
            }
            else if (value.ToReference(ChannelConnection.SecretPath(kind), errors) is { } reference
                && (!secrets.TryGetValue(kind, out var existing) || existing.Current != reference))
            {
                secrets[kind] = new ChannelSecret(reference);
            }
        }

        return new ChannelConnection(
            account,
            Status ?? current?.Status ?? ChannelAccountStatus.Connected,
            Webhook ?? current?.Webhook ?? WebhookSettings.None,
            secrets,
            ShopCipher ?? current?.ShopCipher);
    }
}
